import Testing
import HummingbirdTesting
@testable import CairnServer
@Test func placeholderBuilds() { #expect(true) }
