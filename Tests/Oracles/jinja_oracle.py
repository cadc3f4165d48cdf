"""Render chat templates with Python's jinja2 as servers do, for DocHarness's Jinja engine to match.

Usage: jinja_oracle.py TEMPLATES_DIR OUT.jsonl
Writes one JSON line per (template, case, flavor): {"template", "case", "flavor", "output"} or
{"error"}. The first line is {"cases": [...]} — the conversations, so both sides render the same.
Flavors: "llama-cpp-python" (ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks, jinja2's
own tojson, tools=None when absent) and "hf" (transformers' apply_chat_template environment:
loopcontrols and AssistantTracker's {% generation %}, its tojson, tools undefined when absent).
"""
import json
import pathlib
import sys
from datetime import datetime

import jinja2
import jinja2.ext
import jinja2.nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

FIXED_DATE = datetime(2026, 12, 3, 4, 5, 6)

TOOLS = [
    {"type": "function", "function": {
        "name": "get_weather", "description": "Get the weather for a city.",
        "parameters": {"type": "object", "properties": {
            "city": {"type": "string", "description": "The city, e.g. Zürich"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
            "required": ["city"]}}},
]

CASES = [
    {"id": "system-user", "messages": [
        {"role": "system", "content": "You write docstrings. Answer in JSON."},
        {"role": "user", "content": "Document `def f(x): return x * 2` — keep it <short> & 'clear'."}]},
    {"id": "user-only", "messages": [{"role": "user", "content": "Hello!\n\nHow are you?  "}]},
    {"id": "multi-turn", "messages": [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "What is 2+2?"},
        {"role": "assistant", "content": "4"},
        {"role": "user", "content": "And 3+3? 日本語で。"}]},
    {"id": "tools", "tools": TOOLS, "messages": [
        {"role": "system", "content": "You can call tools."},
        {"role": "user", "content": "Weather in Zürich?"}]},
    {"id": "tool-calls", "tools": TOOLS, "messages": [
        {"role": "user", "content": "Weather in Paris?"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
        {"role": "tool", "tool_call_id": "call_1", "name": "get_weather", "content": "{\"temperature\": 21}"},
        {"role": "user", "content": "Thanks."}]},
]


def hf_tojson(value, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


class AssistantTracker(jinja2.ext.Extension):
    """transformers' `{% generation %}` tag, as apply_chat_template renders it when not tracking."""
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)

    def _generation_support(self, caller):
        return caller()


def environment(flavor):
    if flavor == "hf":
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[AssistantTracker, "jinja2.ext.loopcontrols"])
        env.filters["tojson"] = hf_tojson
    else:
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: FIXED_DATE.strftime(fmt)
    return env


def main():
    folder, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    lines = [json.dumps({"cases": CASES, "date": FIXED_DATE.isoformat()})]
    for path in sorted(folder.glob("*.jinja")):
        source = path.read_text(encoding="utf-8")
        for flavor in ["llama-cpp-python", "hf"]:
            try:
                template = environment(flavor).from_string(source)
            except Exception as error:  # noqa: BLE001 - any parse failure is the oracle's answer
                for case in CASES:
                    for generation in (True, False):
                        lines.append(json.dumps({"template": path.name, "case": case["id"], "generation": generation, "flavor": flavor,
                                                 "error": f"{type(error).__name__}: {error}"}))
                continue
            for case in CASES:
                for generation in (True, False):
                    context = {"messages": case["messages"], "add_generation_prompt": generation,
                               "bos_token": "<s>", "eos_token": "</s>"}
                    if "tools" in case:
                        context["tools"] = case["tools"]
                    elif flavor == "llama-cpp-python":
                        context.update(tools=None, functions=None, function_call=None, tool_choice=None)
                    record = {"template": path.name, "case": case["id"], "generation": generation, "flavor": flavor}
                    try:
                        record["output"] = template.render(**context)
                    except Exception as error:  # noqa: BLE001
                        record["error"] = f"{type(error).__name__}: {error}"
                    lines.append(json.dumps(record, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
