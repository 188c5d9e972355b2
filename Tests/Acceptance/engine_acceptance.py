"""Acceptance: the builtin engine's artifacts, on every example brief, checked by real tools.

Usage:
  python engine_acceptance.py --aiosctl PATH --server PATH --examples DIR [--examples DIR ...]
                              [--report FILE] [NAME ...]

NAME is a brief's file name in one of the DIRs, or `self-test`; the default is every *.md in the
DIRs and `self-test`.

For each example brief (all of DIR, or the NAMEs given) the real `aiosctl call ... --json` runs
the pipeline strategy -> architecture -> ux -> code twice, and the script checks that
- the two runs are byte-identical, agent by agent;
- every output validates against the output schema `aios-mcp` declares in tools/list
  (jsonschema, Draft 2020-12), also for the other style presets and the vite-react-supabase stack;
- the OpenAPI document validates with openapi-spec-validator and describes exactly the API design;
- the SQL migration applies cleanly to a real PostgreSQL server started here (one fresh database
  per example), and the catalog then holds exactly the data model: tables, columns, types,
  nullability, keys, foreign keys, check-constraint values (= the OpenAPI enums), RLS enabled and
  the declared policies; and RLS works for Supabase's roles: every table can be queried as
  `authenticated` and `anon` (no policy recursion, no permission error), a signed-in user reads
  back their own profile, other users do not;
- the design tokens of every style preset meet WCAG contrast, computed here from the hex colours;
- every functional requirement is cited by an endpoint or page and by a source file, and every
  must-have is in a user flow of its actor.
Briefs in REFUSED must instead be refused by every agent with INVALID_INPUT and exit code 2.
`self-test` feeds deliberately broken copies of real artifacts (a SQL typo, an undeclared OpenAPI
path parameter, faint text, ...) to the same checks and fails unless each one is rejected.

Separately, as `NAME writable`: every create/update/delete endpoint on an entity has a policy in
PostgreSQL that permits that command (else the API advertises an operation RLS always refuses).

Prints one `ok KEY: ...` or `FAIL KEY: ...` line per verdict (KEY is NAME, `NAME writable` or
`self-test`), writes {KEY: {"ok": bool, "lines": [...]}} to --report, and exits 1 if any failed.
PostgreSQL binaries are found via $AIOS_PG_BINDIR, /usr/lib/postgresql/*/bin or PATH; as root,
the server runs as the `postgres` user. Its data directory is removed at exit, failure or not.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import functools
import glob
import html.parser
import http.server
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import jsonschema
from openapi_spec_validator import validate as validate_openapi

REFUSED = {"empty-brief.md", "noise-only.md", "german.md"}
AGENTS = ["aios_strategize", "aios_design_architecture", "aios_design_ux", "aios_generate_code"]
STYLES = ["minimal", "corporate", "playful"]
SOURCE_LANGUAGES = {"typescript", "tsx", "javascript", "jsx"}
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

# WCAG roles of the colour tokens, written from what the names mean (not read from the engine's
# own checks): text drawn on a background, and non-text UI drawn against one.
TEXT_PAIRS = [
    ("text", "background"), ("text", "surface"),
    ("text_muted", "background"), ("text_muted", "surface"),
    ("primary", "background"),  # links
    ("on_primary", "primary"), ("on_secondary", "secondary"),
    ("danger", "background"), ("success", "background"), ("warning", "background"), ("info", "background"),
]
REQUIRED_TEXT_PAIRS = [("text", "background"), ("on_primary", "primary")]
UI_PAIRS = [("input_border", "background"), ("focus", "background"), ("focus", "surface")]


HERE = Path(__file__).resolve().parent
# The TypeScript check's declarations (JSX mechanics, loose third-party modules): see the file.
CHECK_DECLARATIONS = HERE / "typecheck" / "aios-check.d.ts"
# Stand-ins for the runtime packages Debian does not ship (react-router-dom, supabase-js, zod).
RENDER_MODULES = HERE / "render" / "modules"
DEBIAN_NODE = Path("/usr/share/nodejs")

# The only TypeScript error classes the check tolerates, and why: each arises only because the
# third-party packages' own declarations are missing (their modules are typed `any` by
# CHECK_DECLARATIONS), so a callback passed to them gets no contextual parameter types. Every
# other error fails the check.
TOLERATED_TS_ERRORS = {
    "TS7006": "parameter implicitly has an 'any' type: a callback parameter that the package's types would type "
              "contextually (supabase-js rows in .map, @supabase/ssr's setAll, Deno.serve's request, a DOM event "
              "handler on an intrinsic element, which JSX types as `any` here)",
    "TS7031": "binding element implicitly has an 'any' type: the same for destructured callback parameters "
              "(@supabase/ssr's cookie { name, value, options })",
}
TS_ERROR = re.compile(r"^(?P<file>[^(\n]+)\((?P<line>\d+),(?P<column>\d+)\): error (?P<code>TS\d+): (?P<message>.*)$")


class CheckFailed(Exception):
    pass


def check(condition: object, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


# ---------------------------------------------------------------- aiosctl and aios-mcp


def without_run_record(output: bytes) -> bytes:
    """An agent's output without `engine_run`, the model-backed engine's record of how this run
    got its content (latency, HTTP attempts, cache hits): a rerun answered from the response
    cache renders the same artifacts but records zero latency and a cache hit. The builtin
    engine has no such member, so its outputs are compared whole."""
    if b'"engine_run"' not in output:
        return output
    value = json.loads(output)

    def strip(node):
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "engine_run"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    return json.dumps(strip(value), sort_keys=True).encode()


class Runner:
    """Runs `aiosctl call` with inputs written to files, as a user would."""

    def __init__(self, aiosctl: str, workdir: Path, home: Path) -> None:
        self.aiosctl, self.workdir, self.home = aiosctl, workdir, home
        self.count = 0

    def call(self, tool: str, arguments: dict) -> tuple[int, bytes, bytes]:
        self.count += 1
        path = self.workdir / f"input-{self.count}-{tool}.json"
        path.write_text(json.dumps(arguments))
        env = dict(os.environ, AIOS_HOME=str(self.home), AIOS_LOG_LEVEL="warning")
        done = subprocess.run(
            [self.aiosctl, "call", tool, "--input", f"@{path}", "--json"],
            capture_output=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
        return done.returncode, done.stdout, done.stderr

    def output(self, tool: str, arguments: dict) -> tuple[dict, bytes]:
        status, out, err = self.call(tool, arguments)
        check(status == 0, f"{tool} exited {status}: {err.decode(errors='replace')[-2000:]}")
        try:
            value = json.loads(out)
        except ValueError as error:
            raise CheckFailed(f"{tool} printed no JSON: {error}: {out[:300]!r}")
        check(isinstance(value, dict), f"{tool} printed {type(value).__name__}, not an object")
        return value, out


def declared_tools(server: str, home: Path) -> dict[str, dict]:
    """The tools as the real MCP server lists them (raw JSON-RPC over stdio)."""
    lines = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-11-25", "capabilities": {},
                    "clientInfo": {"name": "engine-acceptance", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
    ]
    stdin = "".join(json.dumps(line) + "\n" for line in lines).encode()
    env = dict(os.environ, AIOS_HOME=str(home), AIOS_LOG_LEVEL="warning")
    done = subprocess.run([server], input=stdin, capture_output=True, env=env, timeout=60)
    for line in done.stdout.splitlines():
        message = json.loads(line)
        if message.get("id") == 2:
            tools = {tool["name"]: tool for tool in message["result"]["tools"]}
            for name in AGENTS:
                check(name in tools and tools[name].get("outputSchema"), f"tools/list has no output schema for {name}")
                jsonschema.Draft202012Validator.check_schema(tools[name]["outputSchema"])
            return tools
    raise CheckFailed(f"aios-mcp answered no tools/list (exit {done.returncode}): {done.stderr[-2000:]!r}")


def conforms(value: dict, tool: str, tools: dict[str, dict], label: str) -> None:
    validator = jsonschema.Draft202012Validator(
        tools[tool]["outputSchema"], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(value), key=lambda e: list(e.absolute_path))
    if errors:
        shown = "; ".join(f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors[:5])
        raise CheckFailed(f"{label}: {tool} output breaks its declared output schema ({len(errors)} errors): {shown}")


# ---------------------------------------------------------------- PostgreSQL


def postgres_bindir() -> Path:
    candidates = []
    if os.environ.get("AIOS_PG_BINDIR"):
        candidates.append(Path(os.environ["AIOS_PG_BINDIR"]))
    versions = glob.glob("/usr/lib/postgresql/*/bin")
    versions.sort(key=lambda p: int(re.sub(r"\D", "", Path(p).parent.name) or 0), reverse=True)
    candidates += [Path(p) for p in versions]
    if shutil.which("initdb"):
        candidates.append(Path(os.path.realpath(shutil.which("initdb"))).parent)
    for directory in candidates:
        if all((directory / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres", "psql")):
            return directory
    raise CheckFailed(
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) in $AIOS_PG_BINDIR, "
        "/usr/lib/postgresql/*/bin or PATH: run scripts/test.sh, which installs Debian's postgresql")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Postgres:
    """A throwaway PostgreSQL cluster on a free loopback port, in its own temporary directory."""

    def __init__(self) -> None:
        self.bindir = postgres_bindir()
        running_as_root = os.geteuid() == 0
        if running_as_root:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise CheckFailed("running as root and there is no `postgres` user to run the server as "
                                  "(Debian's postgresql package creates it)")
        # As root the server runs as `postgres`, which must reach the directory: /tmp, not root's TMPDIR.
        self.root = Path(tempfile.mkdtemp(prefix="aios-pg-", dir="/tmp" if running_as_root and os.path.isdir("/tmp") else None))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self.started = False
        self.as_user: list[str] = []
        if running_as_root:
            # PostgreSQL refuses to run as root.
            os.chown(self.root, account.pw_uid, account.pw_gid)
            runuser = shutil.which("runuser")
            self.as_user = [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-s", "/bin/sh", "-c"]

    def _server_command(self, argv: list[str]) -> list[str]:
        if self.as_user[:1] == ["su"]:
            return self.as_user + [shlex.join(argv)]
        return self.as_user + argv

    def start(self) -> None:
        initdb = subprocess.run(
            self._server_command([str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                                  "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]),
            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, cwd=self.root)
        check(initdb.returncode == 0, f"initdb failed: {initdb.stderr[-2000:]}")
        last = ""
        for _ in range(5):  # the port may be taken between probing and binding
            self.port = free_port()
            options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {shlex.quote(str(self.root))} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            started = subprocess.run(
                self._server_command([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                                      "-o", options, "-w", "-t", "60", "start"]),
                capture_output=True, text=True, timeout=90, stdin=subprocess.DEVNULL, cwd=self.root)
            if started.returncode == 0:
                self.started = True
                roles = psql(self.connection(), "template1", "-q", "-c", SUPABASE_ROLES)
                check(roles.returncode == 0, f"creating Supabase's roles failed: {roles.stderr}")
                return
            last = started.stderr + (self.log.read_text() if self.log.exists() else "")
        raise CheckFailed(f"PostgreSQL did not start: {last[-3000:]}")

    def stop(self) -> None:
        try:
            if self.started:
                subprocess.run(
                    self._server_command([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]),
                    capture_output=True, timeout=60, stdin=subprocess.DEVNULL, cwd=self.root)
                self.started = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def connection(self) -> dict:
        return {"psql": str(self.bindir / "psql"), "port": self.port}


def psql(connection: dict, database: str, *arguments: str) -> subprocess.CompletedProcess:
    command = [connection["psql"], "-X", "-h", "127.0.0.1", "-p", str(connection["port"]), "-U", "postgres",
               "-d", database, "-v", "ON_ERROR_STOP=1", *arguments]
    env = dict(os.environ, PGCONNECT_TIMEOUT="10", PGOPTIONS="-c client_min_messages=notice")
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)


CATALOG_QUERY = r"""
-- Tables by relname, never regclass::text: that quotes a name that is a keyword (`"values"`).
select json_build_object(
  'tables', coalesce((select json_object_agg(c.relname, json_build_object(
      'rls', c.relrowsecurity,
      'policies', coalesce((select json_agg(json_build_object('name', p.polname, 'cmd', p.polcmd::text))
                            from pg_policy p where p.polrelid = c.oid), '[]'::json)))
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')), '{}'::json),
  'columns', coalesce((select json_agg(json_build_object(
      'table', c.relname, 'column', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'not_null', a.attnotnull))
    from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped), '[]'::json),
  'constraints', coalesce((select json_agg(json_build_object(
      'table', (select r.relname from pg_class r where r.oid = c.conrelid), 'type', c.contype::text,
      'columns', (select json_agg(a.attname order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord)
                  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum),
      'ref_table', case when c.contype = 'f' then (select r.relname from pg_class r where r.oid = c.confrelid) end,
      'ref_columns', case when c.contype = 'f' then (select json_agg(a.attname order by k.ord)
                  from unnest(c.confkey) with ordinality k(attnum, ord)
                  join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) end))
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where n.nspname = 'public' and c.contype in ('p', 'u', 'f')), '[]'::json),
  'unique_indexes', coalesce((select json_agg(json_build_object(
      'table', t.relname, 'columns', (select json_agg(a.attname order by k.ord) from unnest(i.indkey) with ordinality k(attnum, ord)
                  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum)))
    from pg_index i join pg_class t on t.oid = i.indrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and i.indisunique and i.indpred is null), '[]'::json),
  'checks', coalesce((select json_agg(json_build_object('table', (select r.relname from pg_class r where r.oid = c.conrelid), 'definition', pg_get_constraintdef(c.oid)))
    from pg_constraint c where c.contype = 'c' and c.connamespace = 'public'::regnamespace), '[]'::json)
)::text
"""

# The roles PostgREST switches to on Supabase, with Supabase's grants on the public schema; set in
# template1 so that every database created for an example inherits them.
SUPABASE_ROLES = """
create role anon nologin;
create role authenticated nologin;
create role service_role nologin bypassrls;
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
"""
USER_A, USER_B = "0a0a0a0a-0000-4000-8000-00000000000a", "0b0b0b0b-0000-4000-8000-00000000000b"


def rls_smoke(tables: list[str]) -> str:
    """Queries as PostgREST runs them: `authenticated` with JWT claims, then `anon` without."""
    lines = [
        "begin;",
        "set local role authenticated;",
        f"""set local "request.jwt.claims" = '{{"sub": "{USER_A}", "role": "authenticated"}}';""",
        f"insert into profiles (id, email) values ('{USER_A}', 'a@example.test');",
        f"select 'own-profile', count(*) from profiles where id = '{USER_A}';",
    ]
    lines += [f"select 'table {table}', count(*) from \"{table}\";" for table in tables]
    lines += [
        f"""set local "request.jwt.claims" = '{{"sub": "{USER_B}", "role": "authenticated"}}';""",
        f"select 'other-user', count(*) from profiles where id = '{USER_A}';",
        "set local role anon;",
        """set local "request.jwt.claims" = '';""",
        "select 'anon', count(*) from profiles;",
        "rollback;",
    ]
    return "\n".join(lines) + "\n"


POLICY_COMMANDS = {"r": "select", "a": "insert", "w": "update", "d": "delete", "*": "all"}
TYPE_ALIASES = {
    "timestamptz": "timestamp with time zone", "timestamp": "timestamp without time zone",
    "int": "integer", "int4": "integer", "int8": "bigint", "int2": "smallint", "bool": "boolean",
    "float8": "double precision", "float4": "real", "varchar": "character varying",
    "serial": "integer", "bigserial": "bigint", "time": "time without time zone", "timetz": "time with time zone",
}


def normalised_type(declared: str) -> str:
    text = declared.strip().lower()
    suffix = ""
    while text.endswith("[]"):
        text, suffix = text[:-2], suffix + "[]"
    base, _, rest = text.partition("(")
    base = TYPE_ALIASES.get(base.strip(), base.strip())
    if rest:
        return f"{base}({rest.replace(' ', '')}{suffix}"
    return base + suffix


def check_sql(connection: dict, name: str, architecture: dict, workdir: Path, policies_out: dict | None = None) -> str:
    model = architecture["architecture"]["data_model"]
    migration = architecture["sql_migration"]
    database = "ex_" + re.sub(r"[^a-z0-9]+", "_", name.removesuffix(".md").lower())
    created = psql(connection, "postgres", "-q", "-c", f'create database "{database}"')
    check(created.returncode == 0, f"create database {database} failed: {created.stderr}")
    path = workdir / f"{database}.sql"
    path.write_text(migration)
    applied = psql(connection, database, "-q", "--single-transaction", "-f", str(path))
    check(applied.returncode == 0, f"the SQL migration does not apply to PostgreSQL:\n{applied.stderr.strip()[-3000:]}")
    noisy = [line for line in applied.stderr.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    check(not noisy, f"the SQL migration applies with warnings: {noisy[:5]}")
    queried = psql(connection, database, "-A", "-t", "-q", "-c", CATALOG_QUERY)
    check(queried.returncode == 0, f"catalog query failed: {queried.stderr}")
    catalog = json.loads(queried.stdout)

    tables = catalog["tables"]
    entities = model["entities"]
    expected_tables = {entity["table"] for entity in entities}
    check(expected_tables == set(tables),
          f"tables in PostgreSQL {sorted(tables)} are not the data model's {sorted(expected_tables)}")
    columns: dict[str, dict[str, dict]] = {}
    for column in catalog["columns"]:
        columns.setdefault(column["table"], {})[column["column"]] = column
    constraints = catalog["constraints"]
    unique_sets = {(u["table"], tuple(u["columns"])) for u in catalog["unique_indexes"]}
    for entity in entities:
        table = entity["table"]
        check(tables[table]["rls"], f"row-level security is not enabled on {table}")
        check(tables[table]["policies"], f"{table} has RLS enabled but no policy (nobody could reach it)")
        fields = {field["name"]: field for field in entity["fields"]}
        check(set(fields) == set(columns.get(table, {})),
              f"{table}: columns {sorted(columns.get(table, {}))} differ from the model's fields {sorted(fields)}")
        for field in entity["fields"]:
            column = columns[table][field["name"]]
            where = f"{table}.{field['name']}"
            check(normalised_type(field["type"]) == column["type"],
                  f"{where}: the model says {field['type']!r}, PostgreSQL has {column['type']!r}")
            check(column["not_null"] == (not field["nullable"] or field["primary"]),
                  f"{where}: the model says nullable={field['nullable']}, PostgreSQL not null={column['not_null']}")
            if field["primary"]:
                check(any(c["type"] == "p" and c["table"] == table and c["columns"] == [field["name"]] for c in constraints),
                      f"{where} is the model's primary key but not PostgreSQL's")
            if field["unique"]:
                check((table, (field["name"],)) in unique_sets, f"{where} is unique in the model but not in PostgreSQL")
            if field.get("references"):
                ref_table, _, ref_column = field["references"].partition(".")
                check(any(c["type"] == "f" and c["table"] == table and c["columns"] == [field["name"]]
                          and c["ref_table"] == ref_table and c["ref_columns"] == [ref_column] for c in constraints),
                      f"{where} references {field['references']} in the model but has no such foreign key")
        for group in entity.get("unique_together") or []:
            check((table, tuple(group)) in unique_sets, f"{table}: unique {group} in the model but not in PostgreSQL")
    # Values the API documents for a field are the values the database accepts, and no others.
    allowed: dict[tuple[str, str], list[str]] = {}
    for item in catalog["checks"]:
        match = re.fullmatch(r"CHECK \(\(?(\w+) = (?:ANY \(ARRAY\[(.*)\]\)|('[^']*'::text))\)?\)", item["definition"])
        if match:
            allowed[(item["table"], match.group(1))] = re.findall(r"'([^']*)'::text", match.group(2) or match.group(3))
    schemas = architecture["openapi"].get("components", {}).get("schemas", {})
    for entity in entities:
        for suffix in ("", "Input", "Update"):
            properties = schemas.get(entity["name"] + suffix, {}).get("properties", {})
            for field, schema in properties.items():
                documented = [value for value in schema.get("enum", []) if value is not None] or None
                accepted = allowed.get((entity["table"], field))
                check(documented == accepted,
                      f"{entity['table']}.{field}: OpenAPI {entity['name'] + suffix} allows {documented}, PostgreSQL accepts {accepted}")
    declared = {(p["table"], p["name"], p["command"]) for p in architecture["architecture"]["security"]["rls_policies"]}
    actual = {(table, p["name"], POLICY_COMMANDS.get(p["cmd"], p["cmd"]))
              for table, info in tables.items() for p in info["policies"]}
    check(declared == actual, f"policies in PostgreSQL differ from security.rls_policies: "
                              f"only declared {sorted(declared - actual)[:5]}, only in SQL {sorted(actual - declared)[:5]}")
    smoke_path = workdir / f"{database}-rls.sql"
    smoke_path.write_text(rls_smoke(sorted(tables)))
    smoke = psql(connection, database, "-q", "-A", "-t", "-F", "|", "-f", str(smoke_path))
    check(smoke.returncode == 0, f"row-level security fails for Supabase's roles:\n{smoke.stderr.strip()[-2000:]}")
    counts = dict(line.split("|", 1) for line in smoke.stdout.splitlines() if "|" in line)
    check(counts.get("own-profile") == "1", f"a signed-in user cannot read back their own profile ({counts.get('own-profile')} rows)")
    check(counts.get("other-user") == "0", "another signed-in user can read a stranger's profile")
    check(counts.get("anon") == "0", "an anonymous caller can read profiles")
    check(all(f"table {table}" in counts for table in tables), f"a table was not queried: {sorted(counts)}")
    dropped = psql(connection, "postgres", "-q", "-c", f'drop database "{database}"')
    check(dropped.returncode == 0, f"drop database failed: {dropped.stderr}")
    if policies_out is not None:
        policies_out.update({table: {POLICY_COMMANDS.get(p["cmd"], p["cmd"]) for p in info["policies"]} for table, info in tables.items()})
    return f"{len(tables)} tables, {sum(len(t['policies']) for t in tables.values())} policies, RLS enforced"


WRITE_COMMANDS = {"POST": "insert", "PUT": "update", "PATCH": "update", "DELETE": "delete"}


def check_writable(architecture: dict, policies: dict[str, set[str]]) -> str:
    """Every create/update/delete endpoint on an entity's table has a policy in PostgreSQL that
    lets that command through; otherwise the API advertises an operation RLS always refuses."""
    check(policies, "not checked: the acceptance checks failed before the SQL was applied")
    tables = {entity["table"] for entity in architecture["architecture"]["data_model"]["entities"]}
    refused = []
    count = 0
    for endpoint in architecture["architecture"]["api_design"]["endpoints"]:
        match = re.fullmatch(r"/([a-z0-9-]+)(?:/\{id\})?", endpoint["path"])
        command = WRITE_COMMANDS.get(endpoint["method"])
        table = match.group(1).replace("-", "_") if match else None
        if command and table in tables:
            count += 1
            if not policies.get(table, set()) & {command, "all"}:
                refused.append(f"{endpoint['method']} {endpoint['path']} (no {command} policy on {table})")
    check(not refused, f"endpoints that row-level security always refuses: {'; '.join(refused)}")
    return f"{count} write endpoints, each permitted by a policy"


# ---------------------------------------------------------------- OpenAPI


def check_openapi(architecture: dict) -> str:
    document = architecture["openapi"]
    check(str(document.get("openapi", "")).startswith("3.1"), f"not an OpenAPI 3.1 document: {document.get('openapi')!r}")
    try:
        validate_openapi(document)
    except Exception as error:  # the validator's own exception types vary by version
        raise CheckFailed(f"openapi-spec-validator rejects the OpenAPI document: {str(error)[:1500]}")
    design = architecture["architecture"]["api_design"]["endpoints"]
    declared = {(endpoint["method"].lower(), endpoint["path"]) for endpoint in design}
    methods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
    documented = {(method, path) for path, item in document["paths"].items() for method in item if method in methods}
    check(declared == documented, f"OpenAPI operations differ from api_design: only in design {sorted(declared - documented)[:5]}, "
                                  f"only in OpenAPI {sorted(documented - declared)[:5]}")
    schemas = document.get("components", {}).get("schemas", {})
    for entity in architecture["architecture"]["data_model"]["entities"]:
        schema = schemas.get(entity["name"])
        check(schema is not None, f"OpenAPI has no schema for the entity {entity['name']}")
        fields = {field["name"] for field in entity["fields"]}
        check(set(schema.get("properties", {})) == fields,
              f"OpenAPI schema {entity['name']} properties {sorted(schema.get('properties', {}))} differ from its fields {sorted(fields)}")
    return f"{len(documented)} operations"


# ---------------------------------------------------------------- contrast


def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def check_contrast(ux: dict, label: str) -> int:
    spec = ux["ux_spec"]
    colours = spec["design_tokens"]["colors"]
    level = spec["accessibility"]["wcag_level"]
    text_minimum, large_minimum = (7.0, 4.5) if level == "AAA" else (4.5, 3.0)
    for key, value in colours.items():
        check(isinstance(value, str) and HEX.match(value), f"{label}: colour token {key}={value!r} is not #rrggbb")
    for pair in REQUIRED_TEXT_PAIRS:
        check(all(key in colours for key in pair), f"{label}: design tokens lack {pair}")
    count = 0
    for pairs, minimum, kind in ((TEXT_PAIRS, text_minimum, "text"), (UI_PAIRS, large_minimum, "large text/UI")):
        for foreground, background in pairs:
            if foreground in colours and background in colours:
                ratio = contrast(colours[foreground], colours[background])
                check(ratio >= minimum, f"{label}: {foreground} {colours[foreground]} on {background} {colours[background]} "
                                        f"is {ratio:.2f}:1, below {minimum}:1 for {kind}")
                count += 1
    # The engine's own contrast claims must be true too.
    values = set(colour.lower() for colour in colours.values())
    for item in spec["accessibility"]["checks"]:
        if "ratio" not in item:
            continue
        ratio = contrast(item["foreground"], item["background"])
        check(item["foreground"].lower() in values and item["background"].lower() in values,
              f"{label}: check {item['id']} names colours that are not tokens")
        check(abs(ratio - item["ratio"]) < 0.011, f"{label}: check {item['id']} claims {item['ratio']}, it is {ratio:.3f}")
        check(item["minimum"] >= (large_minimum if "Non-text" in item.get("criterion", "") else text_minimum),
              f"{label}: check {item['id']} uses a minimum of {item['minimum']}")
        check((item["status"] == "pass") == (ratio >= item["minimum"]),
              f"{label}: check {item['id']} says {item['status']} for {ratio:.2f}:1")
        check(item["status"] == "pass", f"{label}: the engine's own check {item['id']} fails")
        count += 1
    return count


# ---------------------------------------------------------------- traceability and code


def check_traceability(strategy: dict, architecture: dict, ux: dict, code: dict, label: str) -> None:
    requirements = strategy["requirements"]
    functional = [r["id"] for r in requirements["functional"]]
    known = set(functional) | {r["id"] for r in requirements["non_functional"]} | {r["id"] for r in requirements["constraints"]}
    check(functional, f"{label}: no functional requirements")
    endpoints = architecture["architecture"]["api_design"]["endpoints"]
    pages = ux["ux_spec"]["pages"]
    files = code["files"]
    cited = lambda items: {rid for item in items for rid in item.get("requirement_ids") or []}
    for what, ids in (("endpoints", cited(endpoints)), ("pages", cited(pages)), ("code files", cited(files))):
        check(ids <= known, f"{label}: {what} cite unknown requirements {sorted(ids - known)}")
    by_api_or_page = cited(endpoints) | cited(pages)
    by_source = cited(f for f in files if f["language"] in SOURCE_LANGUAGES)
    for rid in functional:
        check(rid in by_api_or_page, f"{label}: {rid} is cited by no endpoint and no page")
        check(rid in by_source, f"{label}: {rid} is cited by no source file ({', '.join(sorted(SOURCE_LANGUAGES))})")
    flows = ux["ux_spec"]["user_flows"]
    for requirement in requirements["functional"]:
        if requirement["priority"] == "must":
            check(any(requirement["id"] in (flow.get("requirement_ids") or []) and flow["actor"] == requirement["actor"]
                      for flow in flows),
                  f"{label}: must-have {requirement['id']} is in no user flow of its actor {requirement['actor']}")
    # The mapping the engine lists must point at things that exist.
    mapping = {entry["requirement_id"]: entry for entry in code.get("traceability") or []}
    check(set(functional) <= set(mapping), f"{label}: traceability lacks {sorted(set(functional) - set(mapping))}")
    operations = {f"{e['method']} {e['path']}" for e in endpoints}
    routes = {page["route"] for page in pages}
    paths = {f["path"] for f in files}
    for rid, entry in mapping.items():
        check(set(entry.get("endpoints", [])) <= operations, f"{label}: traceability of {rid} names unknown endpoints")
        check(set(entry.get("pages", [])) <= routes, f"{label}: traceability of {rid} names unknown pages")
        check(set(entry.get("files", [])) <= paths, f"{label}: traceability of {rid} names files not generated")


def check_code(architecture: dict, code: dict, label: str) -> None:
    paths = [f["path"] for f in code["files"]]
    check(len(paths) == len(set(paths)), f"{label}: duplicate file paths")
    for path in paths:
        parts = path.split("/")
        check(path and not path.startswith("/") and "\\" not in path and ".." not in parts and "" not in parts
              and "\0" not in path, f"{label}: unsafe path {path!r}")
    migrations = [f for f in code["files"] if f["language"] == "sql"]
    check(migrations, f"{label}: the code has no SQL migration")
    for migration in migrations:
        check(migration["content"] == architecture["sql_migration"],
              f"{label}: {migration['path']} is not byte-identical to the architecture's sql_migration")
    for spec in (f for f in code["files"] if f["path"].endswith("openapi.json")):
        check(json.loads(spec["content"]) == architecture["openapi"], f"{label}: {spec['path']} differs from the architecture's OpenAPI")


# ---------------------------------------------------------------- generated code: TypeScript and the browser


def write_project(code: dict, root: Path) -> None:
    for item in code["files"]:
        path = root / item["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(item["content"])


def check_tsconfig(code: dict, label: str) -> dict:
    """The generated tsconfig is what the project's own toolchain (its package.json) accepts."""
    files = {f["path"]: f["content"] for f in code["files"]}
    check("tsconfig.json" in files and "package.json" in files, f"{label}: no tsconfig.json or package.json")
    tsconfig, package = json.loads(files["tsconfig.json"]), json.loads(files["package.json"])
    options = tsconfig.get("compilerOptions", {})
    wanted = (package.get("devDependencies", {}) | package.get("dependencies", {})).get("typescript", "")
    major = int(re.sub(r"^\D*", "", wanted).split(".")[0] or 0) if wanted else 0
    if str(options.get("moduleResolution", "")).lower() == "bundler":
        check(major >= 5, f"{label}: tsconfig uses moduleResolution bundler (TypeScript 5+) but package.json asks for typescript {wanted!r}")
    check(options.get("strict") is True, f"{label}: tsconfig is not strict")
    return options


def check_readme_steps(code: dict, label: str) -> None:
    """Every `npm run X` the README or the setup steps name is a script of package.json, and every
    project file they name is generated."""
    files = {f["path"]: f["content"] for f in code["files"]}
    scripts = json.loads(files["package.json"]).get("scripts", {})
    text = files.get("README.md", "") + "\n" + "\n".join(code.get("setup_instructions", []))
    for script in re.findall(r"npm run ([\w:-]+)", text):
        check(script in scripts, f"{label}: the README says `npm run {script}` but package.json has no such script ({sorted(scripts)})")
    for path in re.findall(r"(?<![\w/.])((?:supabase|src)/[\w./\[\]-]+\.\w+|\.env\.example)", text):
        check(path in files, f"{label}: the README names {path}, which is not generated")


def check_typescript(projects: list[tuple[str, dict]], workdir: Path) -> str:
    """One `tsc -b` over the brief's generated projects with compiler options TypeScript 4.8
    understands and CHECK_DECLARATIONS; fails on any error outside TOLERATED_TS_ERRORS."""
    tsc = shutil.which("tsc")
    check(tsc, "no tsc on PATH: install Debian's node-typescript (scripts/test.sh does)")
    configs, counted = [], 0
    for label, code in projects:
        options = dict(check_tsconfig(code, label))
        check_readme_steps(code, label)
        root = workdir / "tsc" / label
        write_project(code, root)
        for unsupported in ("plugins", "incremental", "tsBuildInfoFile", "allowImportingTsExtensions"):
            options.pop(unsupported, None)
        if str(options.get("moduleResolution", "")).lower() == "bundler":
            options["moduleResolution"] = "node"  # 4.8 has no `bundler`; `node` resolves the same imports here
        options["types"] = []  # vite/client, node: supplied by CHECK_DECLARATIONS
        options["noEmit"] = True
        sources = [f["path"] for f in code["files"] if f["path"].endswith((".ts", ".tsx"))]
        counted += len(sources)
        config = root / "tsconfig.check.json"
        config.write_text(json.dumps({"compilerOptions": options, "files": [str(CHECK_DECLARATIONS)] + sources}, indent=2))
        configs.append(str(config))
    done = subprocess.run([tsc, "-b", *configs, "--pretty", "false"], capture_output=True, text=True, timeout=300, cwd=workdir / "tsc")
    errors, tolerated, other = [], {}, []
    for line in done.stdout.splitlines():
        match = TS_ERROR.match(line.strip())
        if match:
            errors.append(match)
            if match["code"] in TOLERATED_TS_ERRORS:
                tolerated[match["code"]] = tolerated.get(match["code"], 0) + 1
            else:
                other.append(line.strip())
        elif line.strip() and not line.startswith(" "):
            other.append(line.strip())
    check(not other, f"tsc found {len(other)} errors in the generated code:\n  " + "\n  ".join(other[:12]))
    check(done.returncode == 0 or errors, f"tsc exited {done.returncode} without errors: {done.stderr[-1000:]}")
    shown = ", ".join(f"{code} x{count}" for code, count in sorted(tolerated.items())) or "none"
    return f"{counted} TypeScript files in {len(projects)} projects type-check (tolerated: {shown})"


class _SPA(http.server.SimpleHTTPRequestHandler):
    """Serves a built single-page app: files as they are, any other path as index.html."""

    def translate_path(self, path: str) -> str:
        translated = super().translate_path(path)
        return translated if os.path.isfile(translated) else os.path.join(self.directory, "index.html")

    def log_message(self, *args) -> None:
        pass


def check_render(name: str, ux: dict, code: dict, workdir: Path, artifacts: Path | None) -> str:
    """The Vite/React project bundled by esbuild against Debian's react and react-dom, its home page
    loaded in headless Chromium: the product name and a link to every entity's list page."""
    esbuild, chromium = shutil.which("esbuild"), shutil.which("chromium") or shutil.which("chromium-browser")
    check(esbuild and chromium, "esbuild or chromium is missing: install Debian's esbuild and chromium (scripts/test.sh does)")
    for package in ("react", "react-dom", "scheduler"):
        check((DEBIAN_NODE / package / "package.json").is_file(),
              f"no {DEBIAN_NODE / package}: install Debian's node-react and node-react-dom (scripts/test.sh does)")
    root = workdir / "render"
    write_project(code, root)
    modules = root / "node_modules"
    (modules / "@supabase").mkdir(parents=True)
    for package in ("react", "react-dom", "scheduler"):
        (modules / package).symlink_to(DEBIAN_NODE / package)
    for package in ("react-router-dom", "zod", "@supabase/supabase-js"):
        (modules / package).symlink_to(RENDER_MODULES / package)
    dist = root / "dist"
    built = subprocess.run(
        [esbuild, "src/main.tsx", "--bundle", "--minify", "--format=iife", "--jsx=automatic", "--preserve-symlinks",
         f"--outdir={dist / 'assets'}", "--define:process.env.NODE_ENV=\"production\"",
         "--define:import.meta.env.VITE_SUPABASE_URL=\"http://127.0.0.1:54321\"",
         "--define:import.meta.env.VITE_SUPABASE_ANON_KEY=\"anon\"", "--log-level=warning"],
        capture_output=True, text=True, timeout=120, cwd=root)
    check(built.returncode == 0, f"esbuild could not bundle the app: {built.stderr[-3000:]}")
    check(not built.stderr.strip(), f"esbuild warned: {built.stderr[-2000:]}")
    page = (root / "index.html").read_text()
    entry = '<script type="module" src="/src/main.tsx"></script>'
    check(entry in page, "index.html does not load /src/main.tsx")
    assets = '<link rel="stylesheet" href="/assets/main.css" />' if (dist / "assets" / "main.css").exists() else ""
    (dist / "index.html").write_text(page.replace(entry, assets + '<script src="/assets/main.js"></script>'))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SPA, directory=str(dist)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    screenshot = (artifacts or workdir) / f"{Path(name).stem}-vite-home.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    profile = workdir / "chromium-profile"
    try:
        shown = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             f"--user-data-dir={profile}", "--virtual-time-budget=10000", "--window-size=1280,900",
             f"--screenshot={screenshot}", "--dump-dom", f"http://127.0.0.1:{server.server_address[1]}/"],
            capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
        server.server_close()
    dom = shown.stdout
    check(shown.returncode == 0 and '<div id="root">' in dom, f"chromium did not load the page (exit {shown.returncode}): {shown.stderr[-1500:]}")
    parser = _DOMText()
    parser.feed(dom)
    product = json.loads(next(f["content"] for f in code["files"] if f["path"] == "package.json")).get("name", "")
    title = re.search(r"<title>(.*?)</title>", page)
    check(title, "index.html has no <title>")
    product_name = title.group(1)
    check(product_name in parser.text, f"the home page does not show the product name {product_name!r} ({product}); it shows: {parser.text[:300]!r}")
    lists = sorted({p["route"] for p in ux["ux_spec"]["pages"] if p.get("kind") == "list"})
    missing = [route for route in lists if route not in parser.links]
    check(lists, "the UX spec has no list pages to navigate to")
    check(not missing, f"the home page has no link to {missing} (links: {sorted(parser.links)})")
    check(screenshot.is_file() and screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"no screenshot at {screenshot}")
    return f"bundled by esbuild, rendered in Chromium: {product_name!r} and links to {len(lists)} list pages; screenshot {screenshot}"


class _DOMText(html.parser.HTMLParser):
    """The visible text and the link targets of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.text, self.links, self._skip = "", set(), 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.add(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text += data + " "


# ---------------------------------------------------------------- plan and readiness review


EARS = re.compile(r"^(When .+, the system shall .+|While .+, the system shall .+|If .+, then the system shall .+|Where .+, the system shall .+|The system shall .+)$")


def check_plan_and_review(strategy: dict, code: dict, label: str) -> None:
    """The plan is a DAG over the generated files that serves every must-have; criteria are EARS;
    the review of the engine's own artifacts is PASS."""
    plan, review = code.get("plan"), code.get("review")
    check(plan and review, f"{label}: the code artifact has no plan or no review")
    tasks = [t for epic in plan["epics"] for story in epic["stories"] for t in story["tasks"]]
    ids = [t["id"] for t in tasks]
    check(len(ids) == len(set(ids)) and sorted(ids) == sorted(plan["order"]), f"{label}: plan task ids are not unique or the order does not list each once")
    position = {task_id: index for index, task_id in enumerate(plan["order"])}
    paths = {f["path"] for f in code["files"]}
    for task in tasks:
        for dependency in task["depends_on"]:
            check(dependency in position and position[dependency] < position[task["id"]],
                  f"{label}: plan order puts {task['id']} before its dependency {dependency}")
        check(task["requirement_ids"], f"{label}: plan task {task['id']} serves no requirement")
        check(set(task["files"]) <= paths, f"{label}: plan task {task['id']} names files not generated: {sorted(set(task['files']) - paths)}")
        check(task["test"], f"{label}: plan task {task['id']} has no test")
    served = {r for t in tasks for r in t["requirement_ids"]}
    musts = [r["id"] for r in strategy["requirements"]["functional"] if r["priority"] == "must"]
    check(set(musts) <= served, f"{label}: must-haves no plan task serves: {sorted(set(musts) - served)}")
    check("docs/tasks.md" in paths, f"{label}: no docs/tasks.md in the project")
    for story in strategy["user_stories"]:
        check(story["acceptance_criteria"], f"{label}: {story['id']} has no acceptance criteria")
        for criterion in story["acceptance_criteria"]:
            check(EARS.match(criterion), f"{label}: {story['id']} criterion not in EARS form: {criterion!r}")
    check(review["verdict"] == "PASS", f"{label}: the readiness review of the engine's own artifacts is {review['verdict']}: "
          + "; ".join(f"{f['id']} {f['message']}" for f in review["findings"][:5]))


# ---------------------------------------------------------------- one example


def pipeline(runner: Runner, spec: str, stack: str | None = None, framework: str | None = None,
             strategy: dict | None = None) -> tuple[list[dict], list[bytes]]:
    s_bytes = b""
    if strategy is None:
        strategy, s_bytes = runner.output("aios_strategize", {"spec": spec})
    architecture_input = {"spec": spec, "requirements": strategy}
    if stack:
        architecture_input["stack_preference"] = stack
    architecture, a_bytes = runner.output("aios_design_architecture", architecture_input)
    ux, u_bytes = runner.output("aios_design_ux", {"spec": spec, "requirements": strategy, "architecture": architecture})
    code_input = {"spec": spec, "requirements": strategy, "architecture": architecture, "ux_spec": ux["ux_spec"]}
    if framework:
        code_input["framework"] = framework
    code, c_bytes = runner.output("aios_generate_code", code_input)
    return [strategy, architecture, ux, code], [s_bytes, a_bytes, u_bytes, c_bytes]


def refused(runner: Runner, spec: str) -> str:
    for tool in AGENTS:
        status, out, err = runner.call(tool, {"spec": spec})
        check(status == 2, f"{tool} exited {status} on a brief with no usable content (want 2, INVALID_INPUT): {out[:300]!r}")
        error = json.loads(out).get("error", {})
        check(error.get("code") == "INVALID_INPUT", f"{tool} answered {error} instead of INVALID_INPUT")
        check(error.get("message"), f"{tool} refused without saying what is missing")
    return "refused by all 4 agents with INVALID_INPUT, exit 2"


def brief_path(directories: list[str], name: str) -> Path:
    for directory in directories:
        if (Path(directory) / name).is_file():
            return Path(directory) / name
    raise CheckFailed(f"no brief {name} in {', '.join(directories)}")


def check_example(name: str, examples: list[str], aiosctl: str, tools: dict, connection: dict,
                  artifacts: Path | None = None) -> list[tuple[str, bool, list[str]]]:
    """The brief's verdict, and separately whether its write endpoints are permitted by RLS."""
    started = time.monotonic()
    policies: dict[str, set[str]] = {}
    architecture: dict = {}
    projects: list[tuple[str, dict]] = []
    vite: tuple[dict, dict] | None = None
    extra: list[tuple[str, bool, list[str]]] = []
    with tempfile.TemporaryDirectory(prefix="aios-accept-") as scratch:
        workdir = Path(scratch)
        (workdir / "home").mkdir()
        runner = Runner(aiosctl, workdir, workdir / "home")
        try:
            spec = brief_path(examples, name).read_text()
            if name in REFUSED:
                summary = refused(runner, spec)
            else:
                outputs, first = pipeline(runner, spec)
                _, second = pipeline(runner, spec)
                for tool, a, b in zip(AGENTS, first, second):
                    a, b = without_run_record(a), without_run_record(b)
                    check(a == b, f"{tool}: a rerun is not byte-identical ({len(a)} vs {len(b)} bytes)")
                strategy, architecture, ux, code = outputs
                for tool, value in zip(AGENTS, outputs):
                    conforms(value, tool, tools, "default")
                notes = [check_openapi(architecture), check_sql(connection, name, architecture, workdir, policies)]
                check_code(architecture, code, "default")
                check_traceability(strategy, architecture, ux, code, "default")
                pairs = check_contrast(ux, f"default style {ux['ux_spec']['design_tokens'].get('style')}")
                for style in STYLES:
                    styled, _ = runner.output("aios_design_ux", {"spec": spec, "requirements": strategy,
                                                                "architecture": architecture, "style_preference": style})
                    conforms(styled, "aios_design_ux", tools, f"style {style}")
                    check(styled["ux_spec"]["design_tokens"].get("style", style) == style, f"style {style} was not applied")
                    pairs += check_contrast(styled, f"style {style}")
                    check_traceability(strategy, architecture, styled, code, f"style {style}")
                vite_outputs, _ = pipeline(runner, spec, stack="vite-react-supabase", framework="vite-react-supabase", strategy=strategy)
                vite_architecture, vite_code = vite_outputs[1], vite_outputs[3]
                for tool, value in zip(AGENTS, vite_outputs):
                    conforms(value, tool, tools, "vite-react-supabase")
                check(vite_code.get("framework", "vite-react-supabase") == "vite-react-supabase", "the vite scaffold was not generated")
                if vite_architecture["openapi"] != architecture["openapi"]:
                    check_openapi(vite_architecture)
                if vite_architecture["sql_migration"] != architecture["sql_migration"]:
                    check_sql(connection, "vite-" + name, vite_architecture, workdir)
                check_code(vite_architecture, vite_code, "vite-react-supabase")
                check_traceability(vite_outputs[0], vite_architecture, vite_outputs[2], vite_code, "vite-react-supabase")
                check_plan_and_review(strategy, code, "default")
                check_plan_and_review(vite_outputs[0], vite_code, "vite-react-supabase")
                projects = [("nextjs-supabase", code), ("vite-react-supabase", vite_code)]
                vite = (vite_outputs[2], vite_code)
                summary = (f"{len(strategy['requirements']['functional'])} FRs traced, {notes[0]} valid OpenAPI, "
                           f"SQL applied ({notes[1]}), {pairs} contrast pairs, schemas ok, plan a DAG, review PASS, rerun identical")
        except CheckFailed as failure:
            verdict = (name, False, [f"FAIL {name}: {failure}"])
        except Exception as error:  # a crash in the checks is a failure of this example, with its reason
            verdict = (name, False, [f"FAIL {name}: {type(error).__name__}: {error}"])
        else:
            verdict = (name, True, [f"ok {name}: {summary} ({time.monotonic() - started:.1f} s)"])
        if name not in REFUSED:
            for key, run in ((f"{name} typescript", lambda: check_typescript(projects, workdir)),
                             (f"{name} renders", lambda: check_render(name, vite[0], vite[1], workdir, artifacts))):
                step = time.monotonic()
                try:
                    check(projects and vite, "the pipeline gave no code to check (see the brief's own verdict)")
                    extra.append((key, True, [f"ok {key}: {run()} ({time.monotonic() - step:.1f} s)"]))
                except CheckFailed as failure:
                    extra.append((key, False, [f"FAIL {key}: {failure}"]))
                except Exception as error:
                    extra.append((key, False, [f"FAIL {key}: {type(error).__name__}: {error}"]))
    key = f"{name} writable"
    if name in REFUSED:
        return [verdict, (key, True, [f"ok {key}: refused, nothing to write"])]
    try:
        return [verdict, (key, True, [f"ok {key}: {check_writable(architecture, policies)}"])] + extra
    except (CheckFailed, KeyError) as failure:
        return [verdict, (key, False, [f"FAIL {key}: {failure}"])] + extra


SELF_TEST_BRIEF = "invoicing.md"


def mutations(strategy: dict, architecture: dict, ux: dict, code: dict, tools: dict, connection: dict, workdir: Path,
              vite: tuple[dict, dict] | None = None):
    """Deliberately broken copies of real artifacts, each with the check that must reject it."""
    def changed(value: dict, edit) -> dict:
        copy = json.loads(json.dumps(value))
        edit(copy)
        return copy

    def sql(edit):
        return lambda: check_sql(connection, f"self-test-{edit.__name__}", changed(architecture, edit), workdir)

    def typo(a): a["sql_migration"] = a["sql_migration"].replace("create table", "create tabel", 1)
    def no_rls(a): a["sql_migration"] = re.sub(r"alter table \w+ enable row level security;\n", "", a["sql_migration"], count=1)
    def bad_fk(a): a["sql_migration"] = a["sql_migration"].replace("references workspaces (id)", "references workspace (id)", 1)
    def open_profiles(a):
        a["sql_migration"] += "create policy profiles_everyone on profiles for select using (true);\n"
        a["architecture"]["security"]["rls_policies"].append(
            {"table": "profiles", "name": "profiles_everyone", "command": "select", "using": "true", "with_check": None})
    def enum_drift(a): a["openapi"]["components"]["schemas"]["Invoice"]["properties"]["status"]["enum"].append("lost")
    def extra_field(a):
        a["architecture"]["data_model"]["entities"][-1]["fields"].append(
            {"name": "ghost", "type": "text", "primary": False, "unique": False, "nullable": True, "references": None})
    def no_path_params(a):
        item = next(item for path, item in a["openapi"]["paths"].items() if "{id}" in path)
        item.pop("parameters", None)
        for operation in item.values():
            if isinstance(operation, dict):
                operation.pop("parameters", None)
    def dangling_ref(a):
        operation = next(op for item in a["openapi"]["paths"].values() for op in item.values() if isinstance(op, dict) and "responses" in op)
        operation["responses"]["200"] = {"$ref": "#/components/responses/DoesNotExist"}
    def missing_operation(a): a["architecture"]["api_design"]["endpoints"].append(
        {"method": "GET", "path": "/nowhere", "description": "x", "requirement_ids": []})
    def faint_text(u): u["ux_spec"]["design_tokens"]["colors"]["text_muted"] = "#b0b0b0"
    def false_claim(u):
        item = next(c for c in u["ux_spec"]["accessibility"]["checks"] if "ratio" in c)
        item["ratio"] = round(item["ratio"] + 1, 2)
    first = strategy["requirements"]["functional"][0]["id"]
    def uncited_by_pages(u):
        for page in u["ux_spec"]["pages"]:
            page["requirement_ids"] = [r for r in page["requirement_ids"] if r != first]
    def uncited_by_endpoints(a):
        for endpoint in a["architecture"]["api_design"]["endpoints"]:
            endpoint["requirement_ids"] = [r for r in endpoint["requirement_ids"] if r != first]
    def unsafe_path(c): c["files"][0]["path"] = "../outside.txt"
    def drift(c):
        migration = next(f for f in c["files"] if f["language"] == "sql")
        migration["content"] += "\n-- edited\n"
    def off_schema(s): s["estimated_complexity"] = "enormous"
    def renamed_field(c):  # the row type loses `status`, which the pages still read
        model = next(f for f in c["files"] if f["path"] == "src/lib/models/invoice.ts")
        model["content"] = model["content"].replace("  status: ", "  state: ", 1)
    def untyped_module(c):  # an import of a package the project does not declare
        page = next(f for f in c["files"] if f["path"].endswith("page.tsx"))
        page["content"] = 'import leftPad from "left-pad";\nexport const padded = leftPad("1", 2);\n' + page["content"]
    def unlinked(c):  # the navigation (shell and dashboard) loses the invoices list
        for item in c["files"]:
            if item["path"].endswith(".tsx"):
                item["content"] = item["content"].replace('<li><Link to="/invoices">Invoices</Link></li>', "")
    counter = iter(range(1000))

    def scratch() -> Path:
        path = workdir / f"mutant-{next(counter)}"
        path.mkdir()
        return path

    renders = [] if vite is None else [
        ("a home page without the link to a list page",
         lambda: check_render("mutant", vite[0], changed(vite[1], unlinked), scratch(), None), "no link to ['/invoices']"),
    ]

    return [
        ("SQL syntax error", sql(typo), "does not apply"),
        ("SQL without RLS on a table", sql(no_rls), "row-level security is not enabled"),
        ("SQL foreign key to a missing table", sql(bad_fk), "does not apply"),
        ("model field missing from the SQL", sql(extra_field), "differ from the model"),
        ("a policy showing every profile to everyone", sql(open_profiles), "another signed-in user can read"),
        ("an API enum the database refuses", sql(enum_drift), "PostgreSQL accepts"),
        ("OpenAPI path parameter undeclared", lambda: check_openapi(changed(architecture, no_path_params)), "openapi-spec-validator rejects"),
        ("OpenAPI dangling $ref", lambda: check_openapi(changed(architecture, dangling_ref)), "openapi-spec-validator rejects"),
        ("OpenAPI missing a designed endpoint", lambda: check_openapi(changed(architecture, missing_operation)), "differ from api_design"),
        ("muted text below 4.5:1", lambda: check_contrast(changed(ux, faint_text), "mutant"), "below 4.5:1"),
        ("a false contrast claim", lambda: check_contrast(changed(ux, false_claim), "mutant"), "claims"),
        ("a requirement cited by no endpoint or page",
         lambda: check_traceability(strategy, changed(architecture, uncited_by_endpoints), changed(ux, uncited_by_pages), code, "mutant"),
         "no endpoint and no page"),
        ("an unsafe code path", lambda: check_code(architecture, changed(code, unsafe_path), "mutant"), "unsafe path"),
        ("a migration that drifted from the architecture", lambda: check_code(architecture, changed(code, drift), "mutant"), "byte-identical"),
        ("an output off its schema", lambda: conforms(changed(strategy, off_schema), "aios_strategize", tools, "mutant"), "output schema"),
        ("a model field the pages still read, renamed",
         lambda: check_typescript([("nextjs-supabase", changed(code, renamed_field))], scratch()), "TS2339"),
        ("an import of an undeclared package",
         lambda: check_typescript([("nextjs-supabase", changed(code, untyped_module))], scratch()), "TS2307"),
    ] + renders


def self_test(examples: list[str], aiosctl: str, tools: dict, connection: dict) -> list[tuple[str, bool, list[str]]]:
    """Shows the checks can fail: each broken artifact must be rejected, for the expected reason."""
    with tempfile.TemporaryDirectory(prefix="aios-accept-") as scratch:
        workdir = Path(scratch)
        (workdir / "home").mkdir()
        runner = Runner(aiosctl, workdir, workdir / "home")
        try:
            spec = brief_path(examples, SELF_TEST_BRIEF).read_text()
            (strategy, architecture, ux, code), _ = pipeline(runner, spec)
            vite_outputs, _ = pipeline(runner, spec, stack="vite-react-supabase", framework="vite-react-supabase", strategy=strategy)
            problems, rejections = [], []
            cases = mutations(strategy, architecture, ux, code, tools, connection, workdir, (vite_outputs[2], vite_outputs[3]))
            for label, run, reason in cases:
                try:
                    run()
                    problems.append(f"{label}: accepted")
                except CheckFailed as failure:
                    if reason not in str(failure):
                        problems.append(f"{label}: rejected for another reason: {str(failure)[:300]}")
                    rejections.append(f"  rejected {label}: " + " / ".join(str(failure).splitlines()[:2])[:220])
            check(not problems, "checks that let a broken artifact through:\n  " + "\n  ".join(problems))
        except CheckFailed as failure:
            return [("self-test", False, [f"FAIL self-test: {failure}"])]
        except Exception as error:
            return [("self-test", False, [f"FAIL self-test: {type(error).__name__}: {error}"])]
    return [("self-test", True, [f"ok self-test: {len(cases)} broken artifacts from {SELF_TEST_BRIEF} rejected"] + rejections)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--aiosctl", required=True)
    parser.add_argument("--server", required=True, help="the aios-mcp executable (for the declared output schemas)")
    parser.add_argument("--examples", required=True, action="append", help="a directory of briefs (repeatable)")
    parser.add_argument("--report", help="write per-example results here as JSON")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--artifacts", help="keep test artifacts (screenshots of the rendered Vite apps) here")
    parser.add_argument("names", nargs="*", help="brief file names (default: every *.md in the --examples)")
    args = parser.parse_args()
    names = args.names or [p.name for directory in args.examples for p in sorted(Path(directory).glob("*.md"))] + ["self-test"]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        parser.error(f"briefs named more than once (names must be unique across the directories): {duplicates}")

    results: dict[str, dict] = {}
    server = None

    def stop(signum, frame):  # make SIGTERM/SIGINT run the finally below
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        with tempfile.TemporaryDirectory(prefix="aios-accept-home-") as home:
            tools = declared_tools(args.server, Path(home))
        server = Postgres()
        server.start()
        print(f"PostgreSQL from {server.bindir} on 127.0.0.1:{server.port}", flush=True)
        with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            artifacts = Path(args.artifacts).resolve() if args.artifacts else None
            futures = [pool.submit(self_test, args.examples, args.aiosctl, tools, server.connection()) if name == "self-test"
                       else pool.submit(check_example, name, args.examples, args.aiosctl, tools, server.connection(), artifacts)
                       for name in names]
            for future in concurrent.futures.as_completed(futures):
                for name, ok, lines in future.result():
                    results[name] = {"ok": ok, "lines": lines}
                    print("\n".join(lines), flush=True)
    except Exception as failure:  # setup failed: every example fails with the reason
        message = f"FAIL setup: {type(failure).__name__}: {failure}"
        print(message, flush=True)
        for name in names:
            results.setdefault(name, {"ok": False, "lines": [message]})
            if name != "self-test":
                results.setdefault(f"{name} writable", {"ok": False, "lines": [message]})
    finally:
        if server is not None:
            server.stop()
        if args.report:
            Path(args.report).write_text(json.dumps(results, indent=2))
    missing = [name for name in names if name not in results]
    failed = [key for key, result in results.items() if not result["ok"]] + missing
    print(f"{len(results) - len(failed) + len(missing)} of {len(results) + len(missing)} verdicts ok"
          + (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
