"""aiosctl asking a thin brief's questions at the prompt (issue 20, part 2).

Usage: python cli_questions.py --aiosctl PATH
On a pseudo-terminal `aiosctl run` asks and the answers reach the strategy artifact; with
--no-input, or with stdin a pipe that never closes, it never waits and lists its assumptions.
Prints "ok cli_questions" and exits 0, or raises with the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import subprocess
import tempfile
import time

THIN = "A marketplace for piano teachers."
READABLE_THIN = "A marketplace where piano teachers offer lessons."
ANSWERS = [
    "Piano teachers who offer lessons, and parents who book lessons for their children",
    "Teachers publish lessons with a price and weekly availability. Parents search teachers, book a lesson and pay for it.",
    "Payments go through Stripe. 2,000 teachers in the first year",
]


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def on_terminal(argv: list[str], env: dict[str, str], answers: list[str], timeout: float = 120) -> tuple[int, str]:
    """Runs argv with stdin, stdout and stderr on a pseudo-terminal, typing one answer per "> " prompt."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    output, typed = b"", 0
    deadline = time.monotonic() + timeout
    while True:
        check(time.monotonic() < deadline, f"{argv[1:]} did not finish on the terminal: {output.decode(errors='replace')[-2000:]}")
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
        while typed < len(answers) and output.count(b"> ") > typed:
            os.write(fd, answers[typed].encode() + b"\n")
            typed += 1
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode(errors="replace")


def strategy(aiosctl: str, env: dict[str, str], job: str) -> dict:
    result = subprocess.run([aiosctl, "call", "aios_get_artifact", "--json", "-i", json.dumps({"job_id": job, "artifact_type": "strategy"})],
                            env=env, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    check(result.returncode == 0, f"artifact: {result.stderr.decode()}")
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aiosctl", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, AIOS_HOME=home, AIOS_LOG_LEVEL="warning", TERM="dumb")
        # 1. A terminal: the three questions are asked, answered, and join the brief.
        code, output = on_terminal([args.aiosctl, "run", "--spec", THIN, "--phases", "strategy"], env, ANSWERS)
        check(code == 0, f"run on a terminal exited {code}: {output[-2000:]}")
        for title in ("Who uses it", "What they do", "What must hold"):
            check(title in output, f"{title!r} was not asked: {output[:2000]}")
        check(output.count("> ") == 3, f"expected three prompts: {output[:2000]}")
        job = re.search(r"job_[0-9a-z]{30}", output)
        check(job is not None, f"no job id: {output[-1000:]}")
        artifact = strategy(args.aiosctl, env, job.group(0))
        check([item["answer"] for item in artifact.get("clarifications", [])] == ANSWERS, f"clarifications: {artifact.get('clarifications')}")
        check("assumptions" not in artifact, f"assumptions although answered: {artifact.get('assumptions')}")
        print("ok terminal: three questions asked, answers in the strategy artifact")

        # 2. A terminal with --no-input: nothing asked, assumptions listed.
        code, output = on_terminal([args.aiosctl, "run", "--spec", READABLE_THIN, "--phases", "strategy", "--no-input"], env, [])
        check(code == 0, f"run --no-input exited {code}: {output[-2000:]}")
        check("> " not in output and "What they do:" not in output, f"--no-input asked: {output[:2000]}")
        check("assumed" in output.lower(), f"no assumptions shown: {output[:2000]}")
        job = re.search(r"job_[0-9a-z]{30}", output)
        check(job is not None, f"no job id: {output[-1000:]}")
        artifact = strategy(args.aiosctl, env, job.group(0))
        check(artifact.get("assumptions") and "clarifications" not in artifact, f"--no-input artifact: {artifact.get('assumptions')}")
        print("ok terminal --no-input: nothing asked, assumptions in the artifact")

        # 3. No terminal: stdin is a pipe that stays open; submit must not wait on it.
        process = subprocess.Popen([args.aiosctl, "submit", "--spec", READABLE_THIN], env=env,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            code = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError("submit without a terminal waited for input")
        stdout, stderr = process.stdout.read().decode(), process.stderr.read().decode()
        process.stdin.close()
        check(code == 0 and re.fullmatch(r"job_[0-9a-z]{30}\n", stdout), f"submit: {code} {stdout!r} {stderr}")
        check("> " not in stderr and "assumed" in stderr.lower(), f"submit without a terminal: {stderr}")
        print("ok no terminal: submit did not wait, assumptions shown")
    print("ok cli_questions")


if __name__ == "__main__":
    main()
