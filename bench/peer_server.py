"""The peer for the protocol benchmark: an MCP server built with the official Python SDK.

It exposes the same seven tool names as aios-mcp, over stdio, with trivial bodies, so the
benchmark compares protocol machinery (framing, JSON, validation, dispatch) and not work.
The `spec` field carries the same 1..200 000 character bounds as aios (SPEC §2), so a 1 MB
argument is parsed and then refused by both servers.

Usage: python peer_server.py   (speaks newline-delimited JSON-RPC on stdin/stdout)
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from mcp.server.mcpserver import MCPServer

Spec = Annotated[str, Field(min_length=1, max_length=200_000)]

# WARNING keeps the SDK from formatting a log record per request; aios runs at warning too.
server = MCPServer(name="aios-peer", version="0.0.0", log_level="WARNING")


@server.tool(title="Strategize (peer)")
def aios_strategize(spec: Spec, product_name: str | None = None) -> dict[str, Any]:
    """Trivial body: echoes the size of the brief."""
    return {"strategy_summary": f"{len(spec)} characters", "product_name": product_name}


@server.tool(title="Design architecture (peer)")
def aios_design_architecture(spec: Spec, requirements: dict[str, Any] | None = None) -> dict[str, Any]:
    """Trivial body."""
    return {"architecture": {}}


@server.tool(title="Design UX (peer)")
def aios_design_ux(spec: Spec, requirements: dict[str, Any] | None = None,
                   architecture: dict[str, Any] | None = None) -> dict[str, Any]:
    """Trivial body."""
    return {"ux_spec": {}}


@server.tool(title="Generate code (peer)")
def aios_generate_code(spec: Spec, architecture: dict[str, Any] | None = None,
                       ux_spec: dict[str, Any] | None = None) -> dict[str, Any]:
    """Trivial body."""
    return {"files": []}


@server.tool(title="Full pipeline (peer)")
def aios_full_pipeline(spec: Spec, phases: list[str] | None = None) -> dict[str, Any]:
    """Trivial body."""
    return {"job_id": "job_00000000000000000000000000", "status": "queued"}


@server.tool(title="Job status (peer)")
def aios_get_status(job_id: str) -> dict[str, Any]:
    """Trivial body."""
    return {"job_id": job_id, "status": "queued", "progress_percent": 0}


@server.tool(title="Job artifact (peer)")
def aios_get_artifact(job_id: str, artifact_type: str = "all", format: str = "json") -> dict[str, Any]:
    """Trivial body."""
    return {"job_id": job_id, "artifact_type": artifact_type}


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--http":
        # The Streamable HTTP peer (bench/http_bench.py): the SDK's own server (uvicorn), both eras.
        host, port = sys.argv[2].rsplit(":", 1)
        server.run("streamable-http", host=host, port=int(port))
    else:
        server.run("stdio")
