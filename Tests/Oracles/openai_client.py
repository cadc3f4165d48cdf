#!/usr/bin/env python3
"""Drives a DocHarness replay server with the official `openai` Python SDK over a real socket.

  openai_client.py BASE_URL
BASE_URL is http://127.0.0.1:PORT (the server under test, started with
Tests/ReplayServerTests/Fixtures/sdk-scenarios.json and sdk-faults.json). Prints one JSON
object: what each scenario saw, for the Swift test to check.
"""
import json
import sys
import time

import openai
from openai import AzureOpenAI, OpenAI

HELLO = [{"role": "user", "content": "Say hello in one word."}]


def main():
    base = sys.argv[1]
    client = OpenAI(base_url=base + "/v1", api_key="sk-test-not-a-secret", max_retries=2)
    results = {"sdk_version": openai.__version__}

    plain = client.chat.completions.create(model="gpt-4o-mini", messages=HELLO)
    results["plain"] = {"content": plain.choices[0].message.content, "prompt_tokens": plain.usage.prompt_tokens,
                        "model": plain.model}

    stream = client.chat.completions.create(model="gpt-4o-mini", messages=HELLO, stream=True,
                                            stream_options={"include_usage": True})
    text, usage, chunks = "", None, 0
    for chunk in stream:
        chunks += 1
        if chunk.choices and chunk.choices[0].delta.content:
            text += chunk.choices[0].delta.content
        if chunk.usage:
            usage = chunk.usage.prompt_tokens
    results["stream"] = {"content": text, "prompt_tokens": usage, "chunks": chunks}

    tools = [{"type": "function", "function": {"name": "get_weather", "description": "Current weather of a city.",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"],
                             "additionalProperties": False}, "strict": True}}]
    called = client.chat.completions.create(model="gpt-4o-mini", tools=tools,
                                            messages=[{"role": "user", "content": "What is the weather in Paris?"}])
    call = called.choices[0].message.tool_calls[0]
    results["tools"] = {"name": call.function.name, "arguments": json.loads(call.function.arguments),
                        "finish_reason": called.choices[0].finish_reason}

    schema = {"type": "json_schema", "json_schema": {"name": "docstring", "strict": True, "schema": {
        "type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"],
        "additionalProperties": False}}}
    formatted = client.chat.completions.create(model="gpt-4o-mini", response_format=schema, messages=[
        {"role": "system", "content": "You write Python docstrings."},
        {"role": "user", "content": "def add(a, b): return a + b"}])
    results["response_format"] = json.loads(formatted.choices[0].message.content)

    azure = AzureOpenAI(azure_endpoint=base, api_key="azure-key-not-a-secret", api_version="2024-10-21", max_retries=0)
    answered = azure.chat.completions.create(model="docs-deployment", messages=HELLO)
    results["azure"] = {"content": answered.choices[0].message.content}

    started = time.monotonic()
    raw = client.chat.completions.with_raw_response.create(model="gpt-4o-mini-retry", messages=HELLO)
    retried = raw.parse()
    results["retry"] = {"content": retried.choices[0].message.content, "seconds": time.monotonic() - started,
                        "retries_taken": raw.retries_taken}

    try:
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Say hello in two words."}])
        results["unmatched"] = {"raised": None}
    except openai.BadRequestError as error:
        results["unmatched"] = {"raised": type(error).__name__, "status": error.status_code, "code": error.code,
                                "message": error.message}

    try:
        for _ in client.chat.completions.create(model="gpt-4o-mini-drop", messages=HELLO, stream=True):
            pass
        results["dropped"] = {"raised": None}
    except Exception as error:  # the SDK surfaces a cut stream as an httpx / connection error
        results["dropped"] = {"raised": type(error).__name__}

    try:
        client.chat.completions.create(model="gpt-4o-mini-small", messages=HELLO, max_tokens=100)
        results["context"] = {"raised": None}
    except openai.BadRequestError as error:
        results["context"] = {"raised": type(error).__name__, "code": error.code, "message": error.message}

    first = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Count."}])
    second = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "Count."}])
    results["episodes"] = [first.choices[0].message.content, second.choices[0].message.content]

    print(json.dumps(results))


if __name__ == "__main__":
    main()
