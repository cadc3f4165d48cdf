#!/usr/bin/env bash
# Makes `swift build` link libxml2, ICU, xz, zlib and SQLite statically: DIR/lib holds only their
# static archives, and DIR/pkgconfig holds copies of the system's libxml-2.0.pc and zlib.pc whose
# Libs search DIR/lib first (and list libxml2's private libraries). Cflags are unchanged, so
# pointing PKG_CONFIG_PATH at DIR/pkgconfig changes the link step only, never a compile. SQLite
# (GRDB's `link "sqlite3"`, no pkg-config) is found as DIR/lib/libsqlite3.a through that same -L.
set -euo pipefail
dir=$1
libdir=$(pkg-config --variable=libdir libxml-2.0)
mkdir -p "$dir/lib" "$dir/pkgconfig"
for library in $(pkg-config --static --libs-only-l libxml-2.0 zlib | tr ' ' '\n' | sed -n 's/^-l//p' | sort -u); do
  case $library in m|pthread|dl|rt|c) continue ;; esac
  archive="$libdir/lib$library.a"
  [ -f "$archive" ] || { echo "error: $archive is missing; install the -dev package that ships it" >&2; exit 1; }
  ln -sf "$archive" "$dir/lib/lib$library.a"
done
[ -f "$libdir/libsqlite3.a" ] || { echo "error: $libdir/libsqlite3.a is missing; install libsqlite3-dev" >&2; exit 1; }
ln -sf "$libdir/libsqlite3.a" "$dir/lib/libsqlite3.a"
for module in libxml-2.0 zlib; do
  source=$(pkg-config --variable=pcfiledir "$module")/$module.pc
  static_libs=$(pkg-config --static --libs-only-l "$module")
  sed -e "s|^Libs:.*|Libs: -L$(cd "$dir/lib" && pwd) $static_libs -lstdc++|" -e '/^Libs.private:/d' "$source" > "$dir/pkgconfig/$module.pc"
done
