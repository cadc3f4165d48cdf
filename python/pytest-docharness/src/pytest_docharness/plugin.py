"""The pytest plugin: one `docharness serve` per session, one cassette per test.

A test marked ``@pytest.mark.docharness`` (or using the ``docharness_cassette`` fixture) talks to
the server through ``OPENAI_BASE_URL`` and ``ANTHROPIC_BASE_URL``, both pointing at its own
cassette scope (``/c/{module}/{test}``), so identical requests in two tests never answer each
other, and running a subset of the tests changes no answer. ``--record-mode`` mirrors
pytest-recording's: ``none`` (the default: strict replay), ``once``, ``new_episodes``, ``all``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

RECORD_MODES = ("none", "once", "new_episodes", "all")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("docharness", "per-test LLM cassettes through docharness serve")
    group.addoption("--record-mode", dest="docharness_record_mode", choices=RECORD_MODES, default=None,
                    help="VCR.py's record mode for every cassette (default: none, strict replay)")
    group.addoption("--docharness-cassettes", default=None,
                    help="the cassette folder (default: tests/cassettes under the root directory; ini: docharness_cassettes)")
    group.addoption("--docharness-upstream", default=None,
                    help="the real API to record from (default: $DOCHARNESS_UPSTREAM, else https://api.openai.com)")
    group.addoption("--docharness-anthropic-upstream", default=None,
                    help="where Anthropic Messages requests are recorded from (default: $DOCHARNESS_ANTHROPIC_UPSTREAM, "
                         "else https://api.anthropic.com; a local server speaking both APIs: give it to both options)")
    group.addoption("--docharness-binary", default=None,
                    help="the docharness executable (default: $DOCHARNESS_BINARY, else docharness on PATH)")
    group.addoption("--docharness-fail-on-unused", action="store_true", default=False,
                    help="fail the session when some recording was never served")
    parser.addini("docharness_cassettes", "the cassette folder, relative to the root directory", default="tests/cassettes")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "docharness(cassette=None): replay this test's LLM requests from its own cassette "
                                       "(tests/cassettes/{module}/{test}.json by default)")


@dataclass
class DocharnessServer:
    """A running `docharness serve`: its base URL, cassette folder and record mode."""

    url: str
    cassettes: Path
    record_mode: str
    process: subprocess.Popen
    stderr_lines: list

    def scope_url(self, cassette: str) -> str:
        """The base URL that scopes requests to `cassette` (its path under the cassette folder)."""
        return f"{self.url}/c/{quote(cassette, safe='/')}"


_BANNER = re.compile(r"listening on (http://[^\s]+)")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\?#%/]")


def cassette_name(item: pytest.Item) -> str:
    """``{module}/{test}``: the test file's stem and the test's name with its parameters; the
    few characters a cassette name cannot hold (``/ \\ ? # %``, control characters) become ``_``."""
    module = Path(str(item.fspath)).stem
    name = item.name if item.cls is None else f"{item.cls.__name__}.{item.name}"
    return f"{_UNSAFE.sub('_', module)}/{_UNSAFE.sub('_', name)}"


def upstream_url(config: pytest.Config) -> str:
    """Where OpenAI (and OpenAI-compatible) requests are recorded from."""
    return config.getoption("docharness_upstream") or os.environ.get("DOCHARNESS_UPSTREAM") or "https://api.openai.com"


def anthropic_upstream_url(config: pytest.Config) -> str:
    """Where Messages API requests (``/v1/messages``) are recorded from."""
    return (config.getoption("docharness_anthropic_upstream") or os.environ.get("DOCHARNESS_ANTHROPIC_UPSTREAM")
            or "https://api.anthropic.com")


@pytest.fixture(scope="session")
def docharness_server(request: pytest.FixtureRequest):
    """Starts `docharness serve` on a free loopback port for the session, and stops it after."""
    config = request.config
    binary = config.getoption("docharness_binary") or os.environ.get("DOCHARNESS_BINARY") or shutil.which("docharness")
    if not binary:
        pytest.fail("docharness is not on PATH: `pip install docharness`, or pass --docharness-binary PATH", pytrace=False)
    folder = config.getoption("docharness_cassettes") or config.getini("docharness_cassettes")
    cassettes = (Path(config.rootpath) / folder).resolve()
    cassettes.mkdir(parents=True, exist_ok=True)
    mode = config.getoption("docharness_record_mode") or "none"
    command = [binary, "serve", "--cassettes", str(cassettes), "--port", "0", "--record-mode", mode]
    if mode != "none":
        command += ["--upstream", upstream_url(config), "--anthropic-upstream", anthropic_upstream_url(config)]
    if config.getoption("docharness_fail_on_unused"):
        command.append("--fail-on-unused")
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    url = None
    for line in process.stderr:
        lines.append(line.rstrip("\n"))
        found = _BANNER.search(line)
        if found:
            url = found.group(1)
            break
    if url is None:
        process.wait()
        pytest.fail("docharness serve did not start:\n" + "\n".join(lines), pytrace=False)
    reader = threading.Thread(target=lambda: lines.extend(l.rstrip("\n") for l in process.stderr), daemon=True)
    reader.start()
    server = DocharnessServer(url=url, cassettes=cassettes, record_mode=mode, process=process, stderr_lines=lines)
    config._docharness_server = server
    yield server
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    reader.join(timeout=10)
    config._docharness_exit = process.returncode


@pytest.fixture
def docharness_cassette(request: pytest.FixtureRequest, docharness_server: DocharnessServer, monkeypatch: pytest.MonkeyPatch) -> str:
    """Scopes this test to its own cassette: sets ``OPENAI_BASE_URL`` and ``ANTHROPIC_BASE_URL``
    (and placeholder API keys when none are set, for replay) and returns the cassette's name."""
    marker = request.node.get_closest_marker("docharness")
    name = (marker.kwargs.get("cassette") if marker else None) or cassette_name(request.node)
    base = docharness_server.scope_url(name)
    monkeypatch.setenv("OPENAI_BASE_URL", base + "/v1")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", base)
    if not os.environ.get("OPENAI_API_KEY"):
        monkeypatch.setenv("OPENAI_API_KEY", "sk-docharness-replay")
    if not os.environ.get("ANTHROPIC_API_KEY"):
        monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-docharness-replay")
    return name


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("docharness") and "docharness_cassette" not in getattr(item, "fixturenames", []):
            item.fixturenames.append("docharness_cassette")


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    server = getattr(config, "_docharness_server", None)
    if server is None:
        return
    summary = [line for line in server.stderr_lines if "never served" in line or line.strip().startswith("unused:")]
    terminalreporter.write_sep("-", f"docharness serve ({server.record_mode}, {server.cassettes})")
    for line in summary:
        terminalreporter.write_line(line)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    code = getattr(session.config, "_docharness_exit", None)
    if session.config.getoption("docharness_fail_on_unused") and code == 1 and session.exitstatus == 0:
        session.exitstatus = 1
