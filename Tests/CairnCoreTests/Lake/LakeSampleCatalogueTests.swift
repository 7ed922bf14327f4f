import Foundation
import Testing

@testable import CairnCore

/// The sample queries SearchSampleQueries offers: each compiles for a store, and a search ranks by shared words.
@Suite struct LakeSampleCatalogueTests {
    @Test func everySampleCompilesForAStoreOfManagementEvents() throws {
        for sample in LakeSampleQuery.all {
            let sql = sample.sql.replacingOccurrences(of: "$EDS_ID", with: LakeFixtures.trail)
            #expect(LakeFixtures.refusal(sql) == nil, "\(sample.name): \(LakeFixtures.refusal(sql)?.message ?? "")")
        }
        #expect(Set(LakeSampleQuery.all.map(\.name)).count == LakeSampleQuery.all.count, "names are unique")
    }

    @Test func aSearchRanksSamplesByTheWordsTheyShareAndLeavesOutTheRest() {
        let root = LakeSampleQuery.search("root user")
        #expect(root.first?.sample.name == "Root user activity")
        #expect(root.allSatisfy { $0.relevance > 0 && $0.relevance <= 1 })
        #expect(zip(root, root.dropFirst()).allSatisfy { $0.relevance >= $1.relevance })
        #expect(LakeSampleQuery.search("access keys").first?.sample.name == "New access keys", "plurals match")
        #expect(LakeSampleQuery.search("zebra xylophone").isEmpty)
        #expect(LakeSampleQuery.search("the of and").isEmpty, "common words alone match nothing")
    }
}
