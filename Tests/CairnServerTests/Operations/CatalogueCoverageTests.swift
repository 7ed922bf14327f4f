import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnServer

/// No call can skip authentication, authorization or audit: every route and target decodes into a catalogue
/// entry, and every entry names an IAM action.
@Suite struct CatalogueCoverageTests {
    static func openAPIOperationIds() throws -> [String] {
        let text = try String(contentsOf: TestPostgres.repositoryRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("operationId:") ? t.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces) : nil
        }
    }

    @Test func everyRESTOperationHasACatalogueEntry() throws {
        let ids = try Self.openAPIOperationIds()
        #expect(!ids.isEmpty)
        for id in ids {
            #expect(OperationCatalogue.operation(restOperationId: id) != nil, "openapi.yaml operation \(id) has no catalogue entry")
        }
        for op in OperationCatalogue.all {
            for id in op.restOperationIds { #expect(ids.contains(id), "\(op) names REST operation \(id), which openapi.yaml lacks") }
        }
    }

    @Test func everyAWSBindingIsACatalogueEntryAndEveryAWSEntryHasABinding() {
        do {
            let handled = Set(ApplicationBuilder.awsBindings.map(\.entry))
            for op in handled {
                #expect(OperationCatalogue.operation(op.service, op.name) != nil)
                #expect(op.onAWSFrontDoor)
            }
            for op in OperationCatalogue.all where op.onAWSFrontDoor {
                #expect(handled.contains(op), "\(op) is in the catalogue but no front-door handler decodes it")
            }
        }
    }

    @Test func everyEntryNamesAnActionAndIsReachable() {
        for op in OperationCatalogue.all {
            #expect(op.action.hasPrefix("\(op.service.actionPrefix):") && op.name.first?.isUppercase == true)
            #expect(op.onAWSFrontDoor || !op.restOperationIds.isEmpty, "\(op) is reachable through no front door")
        }
        #expect(Set(OperationCatalogue.all.map(\.action)).count == OperationCatalogue.all.count)
    }

    @Test func targetsDecodeOnlyIntoTheirOwnService() {
        #expect(OperationCatalogue.operation(target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetCallerIdentity") == nil)
        #expect(OperationCatalogue.operation(target: "nonsense") == nil)
    }
}
