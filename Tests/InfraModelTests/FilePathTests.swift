import Testing

@testable import InfraModel

/// Paths recorded relative to the project folder resolve back to the same file from it.
@Suite struct FilePathTests {
    @Test(arguments: [
        ("secrets/db.txt", ".", "./secrets/db.txt"),
        ("stack/secrets/db.txt", "stack", "./secrets/db.txt"),
        ("shared/db.txt", "stack", "../shared/db.txt"),
        ("../db.txt", "stack", "../../db.txt"),
        ("a/c/db.txt", "a/b", "../c/db.txt"),
        ("/srv/shared/db.txt", "/srv/stack", "/srv/shared/db.txt"),
        ("/srv/stack/db.txt", "/srv/stack", "./db.txt"),
        ("db.txt", "../stack", "db.txt"),
    ])
    func relativeToTheProjectFolder(path: String, directory: String, expected: String) {
        let relative = FilePath.relative(path, to: directory)
        #expect(relative == expected)
        if !relative.hasPrefix("/") && expected != path {
            #expect(FilePath.resolve(relative, against: directory) == FilePath.normalize(path))
        }
    }
}
