#!/usr/bin/env python3
"""Checks the scripted provider servers (Tests/Providers/fake_provider.py) with the official
`openai` and `anthropic` Python SDKs: every answer shape and fault the Swift tests rely on must
be one those clients parse (or reject) as they would a real provider's. Exit status 0 when all
checks pass; prints one line per check."""
import json
import os
import subprocess
import sys
import urllib.request

import anthropic
import openai

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(HERE, "..", "Providers", "fake_provider.py")
KEY_OPENAI = "sk-test-openai-0123456789abcdefghij"
KEY_ANTHROPIC = "sk-ant-test-0123456789abcdefghij"
ANSWER = json.dumps({"product": "Café ☕ planner — 日本語 😀", "items": [1, 2, 3]}, ensure_ascii=False)
SCHEMA = {"type": "object", "properties": {"product": {"type": "string"}, "items": {"type": "array", "items": {"type": "integer"}}},
          "required": ["product", "items"], "additionalProperties": False}
checks = 0


def start(api, key):
    env = dict(os.environ, FAKE_PROVIDER_KEY=key)
    proc = subprocess.Popen([sys.executable, SERVER, "--api", api], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True)
    line = proc.stdout.readline().split()
    assert line and line[0] == "listening", line
    return proc, f"http://127.0.0.1:{line[1]}"


def control(base, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method="POST" if data is not None else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def script(base, *steps):
    control(base, "/_reset", {})
    control(base, "/_script", {"steps": list(steps)})


def ok(name, condition, detail=""):
    global checks
    if not condition:
        print(f"FAIL {name} {detail}")
        sys.exit(1)
    checks += 1
    print(f"ok {name}")


def openai_checks(base):
    client = openai.OpenAI(api_key=KEY_OPENAI, base_url=base + "/v1", max_retries=2)
    fmt = {"type": "json_schema", "json_schema": {"name": "answer", "schema": SCHEMA, "strict": True}}
    messages = [{"role": "system", "content": "Answer in JSON."}, {"role": "user", "content": "Plan a café."}]

    script(base, {"answer": ANSWER})
    completion = client.chat.completions.create(model="fake-model", messages=messages, response_format=fmt)
    ok("openai: whole answer", completion.choices[0].message.content == ANSWER and completion.usage.completion_tokens > 0)

    for kind in ("empty", "null", "missing"):
        script(base, {"answer": ANSWER, "usage_chunk": kind, "keepalive": True, "split_utf8": True})
        text, usage, finish = "", None, None
        with client.chat.completions.create(model="fake-model", messages=messages, response_format=fmt, stream=True,
                                            stream_options={"include_usage": True}) as stream:
            for chunk in stream:
                if chunk.usage:
                    usage = chunk.usage
                for choice in chunk.choices or []:
                    text += choice.delta.content or ""
                    finish = choice.finish_reason or finish
        ok(f"openai: stream, UTF-8 split, keep-alive comments, usage chunk with choices {kind}",
           text == ANSWER and usage is not None and usage.prompt_tokens > 0 and finish == "stop", repr(text))

    script(base, {"status": 429, "headers": {"Retry-After": "0"}}, {"answer": ANSWER})
    completion = client.chat.completions.create(model="fake-model", messages=messages, response_format=fmt)
    ok("openai: 429 with Retry-After, then the answer", completion.choices[0].message.content == ANSWER and len(control(base, "/_log")) == 2)

    script(base, {"status": 500}, {"answer": ANSWER})
    completion = client.chat.completions.create(model="fake-model", messages=messages, response_format=fmt)
    ok("openai: 500 then the answer", completion.choices[0].message.content == ANSWER)

    script(base, {})
    try:
        openai.OpenAI(api_key="sk-wrong-key-0123456789abcdef", base_url=base + "/v1", max_retries=0).chat.completions.create(
            model="fake-model", messages=messages)
        ok("openai: a wrong key is refused", False)
    except openai.AuthenticationError as error:
        ok("openai: a wrong key is refused (AuthenticationError)", error.status_code == 401)

    script(base, {"status": 404, "error": {"error": {"message": "The model `nope` does not exist", "type": "invalid_request_error", "code": "model_not_found"}}})
    try:
        client.chat.completions.create(model="nope", messages=messages)
        ok("openai: unknown model", False)
    except openai.NotFoundError as error:
        ok("openai: unknown model (NotFoundError)", error.status_code == 404)

    script(base, {"answer": ANSWER, "cut_after": 2})
    text, finish, failed = "", None, False
    try:
        for chunk in client.chat.completions.create(model="fake-model", messages=messages, stream=True):
            for choice in chunk.choices or []:
                text += choice.delta.content or ""
                finish = choice.finish_reason or finish
    except (openai.APIError, Exception):
        failed = True
    ok("openai: a stream cut mid-JSON is incomplete to the SDK", (failed or finish is None) and text != ANSWER)


def anthropic_checks(base):
    tool = {"name": "answer", "description": "Record the answer.", "input_schema": SCHEMA}
    forced = {"type": "tool", "name": "answer"}
    messages = [{"role": "user", "content": "Plan a café."}]
    expected = json.loads(ANSWER)

    for label, client in (("x-api-key", anthropic.Anthropic(api_key=KEY_ANTHROPIC, base_url=base, max_retries=2)),
                          ("Authorization: Bearer", anthropic.Anthropic(auth_token=KEY_ANTHROPIC, api_key=None, base_url=base, max_retries=2))):
        script(base, {"answer": ANSWER})
        message = client.messages.create(model="fake-model", max_tokens=1000, messages=messages, tools=[tool], tool_choice=forced)
        block = message.content[0]
        ok(f"anthropic: whole answer as a forced tool call ({label})",
           block.type == "tool_use" and block.input == expected and message.usage.output_tokens > 0 and message.stop_reason == "tool_use")

    client = anthropic.Anthropic(api_key=KEY_ANTHROPIC, base_url=base, max_retries=2)
    script(base, {"answer": ANSWER, "keepalive": True, "split_utf8": True})
    with client.messages.stream(model="fake-model", max_tokens=1000, messages=messages, tools=[tool], tool_choice=forced) as stream:
        final = stream.get_final_message()
    ok("anthropic: stream with pings, input_json_delta, UTF-8 split",
       final.content[0].type == "tool_use" and final.content[0].input == expected and final.usage.output_tokens > 0 and final.usage.input_tokens > 0)

    script(base, {"status": 529}, {"status": 429, "headers": {"retry-after-ms": "10", "Retry-After": "0"}}, {"answer": ANSWER})
    message = client.messages.create(model="fake-model", max_tokens=1000, messages=messages, tools=[tool], tool_choice=forced)
    ok("anthropic: 529 and 429 with retry-after-ms, then the answer", message.content[0].input == expected and len(control(base, "/_log")) == 3)

    script(base, {"answer": ANSWER, "stream_error": "overloaded_error"})
    try:
        with client.messages.stream(model="fake-model", max_tokens=1000, messages=messages, tools=[tool], tool_choice=forced) as stream:
            stream.get_final_message()
        ok("anthropic: an error event mid-stream", False)
    except anthropic.APIStatusError as error:
        ok("anthropic: an overloaded_error event mid-stream fails the stream", "overloaded" in str(error).lower() or "Overloaded" in str(error.body))

    script(base, {})
    try:
        anthropic.Anthropic(api_key="sk-ant-wrong-0123456789abcdef", base_url=base, max_retries=0).messages.create(
            model="fake-model", max_tokens=10, messages=messages)
        ok("anthropic: a wrong key is refused", False)
    except anthropic.AuthenticationError as error:
        ok("anthropic: a wrong key is refused (AuthenticationError)", error.status_code == 401)


def main():
    openai_server, openai_base = start("openai", KEY_OPENAI)
    anthropic_server, anthropic_base = start("anthropic", KEY_ANTHROPIC)
    try:
        openai_checks(openai_base)
        anthropic_checks(anthropic_base)
    finally:
        for server in (openai_server, anthropic_server):
            server.stdin.close()
            server.wait(timeout=30)
    print(f"all {checks} checks passed")


if __name__ == "__main__":
    main()
