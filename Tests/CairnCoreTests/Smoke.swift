import Testing
@testable import CairnCore
@Test func placeholderBuilds() { #expect(true) }
