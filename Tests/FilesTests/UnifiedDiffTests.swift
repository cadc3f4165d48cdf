import Files
import Testing

@Suite("UnifiedDiff")
struct UnifiedDiffTests {
    @Test("unified diffs: hunks with context, equal inputs give nothing")
    func diffs() {
        let old = (1...20).map { "line \($0)" }
        var new = old
        new[9] = "changed"
        new.insert("added", at: 15)
        let diff = UnifiedDiff(old: old, new: new)
        #expect(diff.editCount == 3)
        #expect(diff.rendered(oldName: "a", newName: "b") == """
            --- a
            +++ b
            @@ -7,12 +7,13 @@
             line 7
             line 8
             line 9
            -line 10
            +changed
             line 11
             line 12
             line 13
             line 14
             line 15
            +added
             line 16
             line 17
             line 18
            """)
        #expect(UnifiedDiff(old: old, new: old).rendered(oldName: "a", newName: "b") == "")
        let far = UnifiedDiff(old: (1...40).map(String.init), new: ["x"] + (2...39).map(String.init) + ["y"])
        #expect(far.rendered(oldName: "a", newName: "b").components(separatedBy: "@@ ").count == 3)
    }
}
