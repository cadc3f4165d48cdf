import Files
import Testing

@Suite struct PathFolderTests {
    /// What `NSString.deletingLastPathComponent` answers, except for `a/`, on which
    /// swift-corelibs-foundation traps (it answers "" for `pkg/`).
    @Test func theFolderOfAPathIsItsLastComponentDropped() {
        let expected = ["a/b.py": "a", "b.py": "", "/b.py": "/", "./a.py": ".", "a//b.py": "a", "/": "/", "a/": "", "pkg/": "",
                        "a/b/": "a", "../x/y.py": "../x", "//a": "/", "./pkg": ".", "pkg/sub": "pkg", "é/ü.py": "é", "": ""]
        for (path, folder) in expected {
            #expect(PathFolder.of(path) == folder, "\(path)")
        }
    }
}
