/// DocHarness's release version (PEP 440 and SemVer alike); `make dist` names its artefacts after
/// it, and CHANGELOG.md has a section for it.
let docharnessVersion = "0.2.0"

/// What `docharness --version` prints: the version and the commit the binary was built from.
let docharnessVersionLine = "\(docharnessVersion) (commit \(buildCommit))"
