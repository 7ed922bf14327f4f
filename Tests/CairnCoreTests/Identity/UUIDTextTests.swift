import Foundation
import Testing

@testable import CairnCore

/// Event ids reach their rows through `UUID(text:)`: it must read exactly what Foundation's parser reads.
@Suite struct UUIDTextTests {
    @Test func readsWhatFoundationReadsInEitherCase() {
        for _ in 0..<200 {
            let id = UUID()
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.uuidString.lowercased()) == id)
        }
        let made = CallIdentifier.next()
        #expect(UUID(text: made) == UUID(uuidString: made))
        #expect(UUID(text: "00000000-0000-0000-0000-000000000000") == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    }

    @Test(arguments: [
        "", "not-a-uuid", "604d0e11-0fcd-45dc-ad97-00000000", "604d0e11-0fcd-45dc-ad97-000000004d510",
        "604d0e11x0fcd-45dc-ad97-000000004d51", "604d0e11-0fcd-45dc-ad97-000000004dg1", "604d0e110fcd-45dc-ad97-000000004d51-",
        "{604d0e11-0fcd-45dc-ad97-000000004d5}", "604d0e11-0fcd-45dc-ad97-000000004d5é",
    ])
    func refusesWhatFoundationRefuses(_ text: String) {
        #expect(UUID(text: text) == nil)
        #expect(UUID(uuidString: text) == nil)
    }
}
