import Testing
@testable import CairnStore
@Test func placeholderBuilds() { #expect(true) }
