import CairnCore
import Foundation
import Testing

@testable import CairnServer

/// Where and how a query's results are written for DeliveryS3Uri.
@Suite struct LakeResultDeliveryTests {
    @Test func aDeliveryURINamesAValidBucketAndAnOptionalPrefix() throws {
        #expect(try LakeResultDelivery.target("s3://lake-results") == ("lake-results", ""))
        #expect(try LakeResultDelivery.target("s3://lake-results/a/b/") == ("lake-results", "a/b"))
        for bad in ["s3://Bad_Bucket/x", "s3://ab", "s3://-lake/x", "https://lake-results/x"] {
            #expect(throws: ServiceError.self, "\(bad)") { try LakeResultDelivery.target(bad) }
        }
    }

    @Test func resultsAreCSVWithAHeaderQuotedWhereNeededAndNullEmpty() {
        let csv = String(decoding: LakeResultDelivery.csv(columns: ["name", "note"], rows: [["a", nil], ["b,c", "say \"hi\""]]), as: UTF8.self)
        #expect(csv == "name,note\r\na,\r\n\"b,c\",\"say \"\"hi\"\"\"\r\n")
    }
}
