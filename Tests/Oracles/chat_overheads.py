#!/usr/bin/env python3
"""Calibration experiment for the chat overheads DocHarness does not count yet: `tools` /
`functions` definitions and `response_format` schemas (issue 5, item 4).

Reads `.cache/oracle-corpora/cassette-usage.jsonl` (made by `make oracle-corpora`) and compares,
with Python tiktoken on the verified vocabularies, the recorded `prompt_tokens` with:
  1. the message rule plus the OpenAI cookbook's `num_tokens_for_tools` constants;
  2. the message rule plus hmarr/openai-chat-tokens' TypeScript-namespace rendering of the
     function schemas (+9, -4 with a system message, a newline after the first system message).
Prints mean absolute % error, bias and per-model differences. Results of 2026-11-23 are in
docs/token-counting.md ("Not yet counted").
"""
import json, os, hashlib, shutil, tempfile, statistics
cache = tempfile.mkdtemp()
for name in ("cl100k_base","o200k_base"):
    url=f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
    shutil.copyfile(os.path.join(os.environ.get("DOCHARNESS_CACHE_DIR") or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "docharness"), f"{name}.tiktoken"), os.path.join(cache, hashlib.sha1(url.encode()).hexdigest()))
os.environ["TIKTOKEN_CACHE_DIR"]=cache
import tiktoken
def enc_for(model):
    m=model.lower()
    if '/' in m: return None
    if m.startswith(("gpt-4o","gpt-4.1","gpt-4.5","gpt-5","o1","o3","o4","chatgpt")): return tiktoken.get_encoding("o200k_base")
    if m.startswith(("gpt-4","gpt-3.5","gpt-35")): return tiktoken.get_encoding("cl100k_base")
    return None
def msgs(messages, enc, model):
    n=3
    for m in messages:
        n+=3
        for k,v in m.items():
            if k=="content":
                if isinstance(v,str): n+=len(enc.encode(v))
                elif isinstance(v,list):
                    for p in v:
                        if p.get("type")=="text": n+=len(enc.encode(p["text"]))
            elif k=="role": n+=len(enc.encode(v))
            elif k=="name": n+=len(enc.encode(v))+1
            elif k=="tool_calls":
                for c in v:
                    f=c.get("function",{})
                    n+=len(enc.encode(f.get("name","")))+len(enc.encode(f.get("arguments","")))
            elif k=="tool_call_id": pass
    m=model.lower()
    if m.startswith(("gpt-5","o1","o3","o4")): n-=1
    return n
def tools_cookbook(tools, enc, model):
    m=model.lower()
    func_init = 10 if m.startswith(("gpt-4-","gpt-4-0","gpt-3.5","gpt-35")) or m=="gpt-4" else 7
    prop_init,prop_key,enum_init,enum_item,func_end=3,3,-3,3,12
    n=0
    for t in tools:
        f=t.get("function",t)
        n+=func_init
        desc=(f.get("description") or "")
        if desc.endswith("."): desc=desc[:-1]
        n+=len(enc.encode(f.get("name","")+":"+desc))
        props=(f.get("parameters") or {}).get("properties") or {}
        if props:
            n+=prop_init
            for k,p in props.items():
                n+=prop_key
                if "enum" in p:
                    n+=enum_init
                    for item in p["enum"]:
                        n+=enum_item+len(enc.encode(str(item)))
                pd=(p.get("description") or "")
                if pd.endswith("."): pd=pd[:-1]
                n+=len(enc.encode(f"{k}:{p.get('type','')}:{pd}"))
    if tools: n+=func_end
    return n
rows=[json.loads(l) for l in open(".cache/oracle-corpora/cassette-usage.jsonl")]
for kind in ("tools","response_format","other"):
    errs=[]; signed=[]
    for r in rows:
        if r["kind"]!=kind: continue
        enc=enc_for(r["model"] or "")
        if not enc: continue
        req=r["request"]
        if any(isinstance(m.get("content"),list) and any(p.get("type")!="text" for p in m["content"]) for m in req.get("messages",[])): continue
        est=msgs(req.get("messages",[]),enc,r["model"])
        tools=req.get("tools") or [{"function":f} for f in req.get("functions",[])]
        est+=tools_cookbook(tools,enc,r["model"])
        if kind=="response_format":
            rf=req.get("response_format",{})
            schema=rf.get("json_schema",{})
            est+=len(enc.encode(json.dumps(schema)))
        e=(est-r["prompt_tokens"])/r["prompt_tokens"]
        errs.append(abs(e)); signed.append(e)
    if errs: print(kind, len(errs), "MAPE %.1f%%"%(100*statistics.mean(errs)), "bias %+.1f%%"%(100*statistics.mean(signed)), "median %+.1f%%"%(100*statistics.median(signed)))

def fmt_type(p, indent):
    t=p.get("type")
    if isinstance(t,list): t=[x for x in t if x!="null"][0] if [x for x in t if x!="null"] else "null"
    if "anyOf" in p and not t:
        return " | ".join(fmt_type(x, indent) for x in p["anyOf"])
    if t=="string":
        if p.get("enum"): return " | ".join(f'"{v}"' for v in p["enum"])
        return "string"
    if t in ("number","integer"):
        if p.get("enum"): return " | ".join(str(v) for v in p["enum"])
        return "number"
    if t=="array":
        return (fmt_type(p["items"], indent)+"[]") if p.get("items") else "any[]"
    if t=="boolean": return "boolean"
    if t=="null": return "null"
    if t=="object": return "\n".join(["{", fmt_props(p, indent+2), "}"])
    return "any"
def fmt_props(obj, indent):
    lines=[]
    req=obj.get("required") or []
    for name,p in (obj.get("properties") or {}).items():
        if p.get("description") and indent<2: lines.append(f"// {p['description']}")
        lines.append(f"{name}{'' if name in req else '?'}: {fmt_type(p, indent)},")
    return "\n".join(" "*indent+l for l in lines)
def fmt_functions(functions):
    lines=["namespace functions {",""]
    for f in functions:
        if f.get("description"): lines.append(f"// {f['description']}")
        params=f.get("parameters") or {}
        if params.get("properties"):
            lines.append(f"type {f.get('name','')} = (_: {{")
            lines.append(fmt_props(params,0))
            lines.append("}) => any;")
        else:
            lines.append(f"type {f.get('name','')} = () => any;")
        lines.append("")
    lines.append("} // namespace functions")
    return "\n".join(lines)
def namespace_report(title, adjust):
    """MAPE of the message rule + the namespace rendering (+9, -4 with a system message) + adjust."""
    print(title)
    errs=[]; signed=[]; bymodel={}
    for r in rows:
        if r["kind"]!="tools": continue
        enc=enc_for(r["model"] or "")
        if not enc: continue
        req=r["request"]
        if any(isinstance(m.get("content"),list) and any(p.get("type")!="text" for p in m["content"]) for m in req.get("messages",[])): continue
        messages=[dict(m) for m in req.get("messages",[])]
        functions=[t.get("function",t) for t in (req.get("tools") or [])] or req.get("functions",[])
        has_system=any(m.get("role")=="system" for m in messages)
        for m in messages:
            if m.get("role")=="system" and isinstance(m.get("content"),str):
                m["content"]+="\n"; break
        est=msgs(messages,enc,r["model"])
        est+=len(enc.encode(fmt_functions(functions)))+9
        if has_system: est-=4
        est+=adjust(r["model"], messages)
        e=(est-r["prompt_tokens"])/r["prompt_tokens"]
        errs.append(abs(e)); signed.append(e)
        bymodel.setdefault(r["model"][:12],[]).append(est-r["prompt_tokens"])
    print("tools", len(errs), "MAPE %.2f%%"%(100*statistics.mean(errs)), "bias %+.2f%%"%(100*statistics.mean(signed)), "median abs %.2f%%"%(100*statistics.median(errs)))
    for k,v in sorted(bymodel.items()): print("  ",k,len(v),"median diff",statistics.median(v), "min",min(v),"max",max(v))

namespace_report("--- TypeScript namespace rendering (hmarr)", lambda model, messages: 0)
namespace_report("--- namespace rendering + 6 per request + 8 per tool call in the history + 88 for gpt-5",
                 lambda model, messages: 6 + 8 * sum(len(m.get("tool_calls") or []) for m in messages) + (88 if model.startswith("gpt-5") else 0))


def response_format_report(title, render):
    """Message rule + render(json_schema) on the json_schema requests: median residual and the MAPE after adding it."""
    data=[]
    for r in rows:
        if r["kind"]!="response_format": continue
        enc=enc_for(r["model"] or "")
        req=r["request"]; rf=req.get("response_format") or {}
        if not enc or rf.get("type")!="json_schema": continue
        if any(isinstance(m.get("content"),list) and any(p.get("type")!="text" for p in m["content"]) for m in req.get("messages",[])): continue
        est=msgs(req["messages"],enc,r["model"])+len(enc.encode(render(rf.get("json_schema") or {})))
        data.append((est,r["prompt_tokens"]))
    shift=statistics.median([a-e for e,a in data])
    print(title, len(data), "median (server - ours)", shift, "MAPE after adding it %.2f%%"%(100*statistics.mean(abs(e+shift-a)/a for e,a in data)))

header=lambda js: "# Response Formats\n\n## "+js.get("name","")+"\n\n"+("// "+js["description"]+"\n" if js.get("description") else "")
response_format_report("--- response_format: header + compact schema JSON", lambda js: header(js)+json.dumps(js.get("schema",{}),separators=(",",":")))
response_format_report("--- response_format: header + default json.dumps", lambda js: header(js)+json.dumps(js.get("schema",{})))
response_format_report("--- response_format: header + TypeScript type", lambda js: header(js)+fmt_type(js.get("schema",{}),0))
