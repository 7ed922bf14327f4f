// cairn-bench-policy: single-threaded latency of CairnPolicy decisions.
//
//   swift run -c release cairn-bench-policy [--emit DIR] [--samples N]
//
// Workloads are generated deterministically (fixed seed) so every run and the cedarpy comparison
// (Benchmarks/policy/cedar_bench.py, fed by --emit) see identical rule sets.
import CairnPolicy
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always)
func nowNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// SplitMix64: a tiny seeded generator so workloads are reproducible without Foundation randomness.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
}

let services = [
    "cloudtrail", "s3", "iam", "ec2", "kms", "sts", "logs", "sns", "sqs", "lambda", "dynamodb", "rds",
    "cloudwatch", "organizations", "config", "ssm", "secretsmanager", "ecr", "eks", "glue",
]
let verbs = ["Get", "List", "Describe", "Put", "Create", "Delete", "Update", "Start", "Stop", "Tag"]
let nouns = ["Trail", "Bucket", "User", "Instance", "Key", "Role", "LogGroup", "Topic", "Queue", "Function"]

func jsonString(_ s: String) -> String {
    let data = try! JSONEncoder().encode(s)
    return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
}

/// One random statement as JSON text, drawn from the shapes real policies use.
func randomStatement(_ rng: inout SplitMix64, service fixedService: String?) -> String {
    let svc = fixedService ?? rng.pick(services)
    let effect = rng.chance(15) ? "Deny" : "Allow"
    var actions: [String] = []
    for _ in 0..<(1 + rng.below(3)) {
        if effect == "Deny" {
            // Guardrail-style denies target destructive verbs, as real ones do.
            actions.append("\(svc):\(rng.pick(["Delete", "Stop", "Update", "Put"]))*")
            continue
        }
        switch rng.below(10) {
        case 0: actions.append("\(svc):*")
        case 1...4: actions.append("\(svc):\(rng.pick(verbs))*")
        default: actions.append("\(svc):\(rng.pick(verbs))\(rng.pick(nouns))")
        }
    }
    var resources: [String] = []
    switch rng.below(10) {
    case 0...2: resources = ["*"]
    case 3...5: resources = ["arn:aws:\(svc):*:111111111111:\(rng.pick(nouns).lowercased())/*"]
    default:
        for _ in 0..<(1 + rng.below(3)) {
            resources.append("arn:aws:\(svc):us-east-1:111111111111:\(rng.pick(nouns).lowercased())/name-\(rng.below(500))")
        }
    }
    var conditions: [String] = []
    if rng.chance(35) {
        switch rng.below(5) {
        case 0: conditions.append(#""StringEquals":{"aws:RequestedRegion":\#(jsonString(rng.pick(["us-east-1", "eu-west-1", "us-west-2"])))}"#)
        case 1: conditions.append(#""StringNotEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]}"#)
        case 2: conditions.append(#""IpAddress":{"aws:SourceIp":\#(jsonString(rng.pick(["10.0.0.0/8", "192.168.0.0/16", "203.0.113.0/24"])))}"#)
        case 3: conditions.append(#""Bool":{"aws:MultiFactorAuthPresent":"true"}"#)
        default: conditions.append(#""StringLike":{"aws:ResourceTag/team":\#(jsonString(rng.pick(["pay*", "platform-*", "data"])))}"#)
        }
    }
    var members = [
        #""Effect":"\#(effect)""#, #""Action":[\#(actions.map(jsonString).joined(separator: ","))]"#,
        #""Resource":[\#(resources.map(jsonString).joined(separator: ","))]"#,
    ]
    if !conditions.isEmpty { members.append(#""Condition":{\#(conditions.joined(separator: ","))}"#) }
    return "{" + members.joined(separator: ",") + "}"
}

struct Workload {
    var name: String
    var label: String
    var identityTexts: [String]
    var action: String
    var resource: String
    var context: [String: ContextValue]
    var statementCount: Int { identityTexts.reduce(0) { $0 + (try! PolicyDocument.parse($1)).statements.count } }
}

func makeWorkload(name: String, label: String, seed: UInt64, policies: Int, statementsPerPolicy: Int, focusPercent: Int) -> Workload {
    var rng = SplitMix64(state: seed)
    var texts: [String] = []
    for _ in 0..<policies {
        var statements: [String] = []
        for _ in 0..<statementsPerPolicy {
            statements.append(randomStatement(&rng, service: rng.chance(focusPercent) ? "cloudtrail" : nil))
        }
        texts.append(#"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#)
    }
    return Workload(
        name: name, label: label, identityTexts: texts, action: "cloudtrail:GetTrail",
        resource: "arn:aws:cloudtrail:us-east-1:111111111111:trail/name-42",
        context: [
            "aws:RequestedRegion": .single("us-east-1"), "aws:SourceIp": .single("10.1.2.3"),
            "aws:MultiFactorAuthPresent": .single("true"), "aws:ResourceTag/team": .single("payments"),
        ])
}

let workloads = [
    makeWorkload(
        name: "a-ten-policies", label: "(a) principal with 10 policies (40 statements, half CloudTrail)", seed: 1, policies: 10,
        statementsPerPolicy: 4, focusPercent: 50),
    makeWorkload(
        name: "b-1000-statements", label: "(b) 1,000 statements over 20 services", seed: 2, policies: 100, statementsPerPolicy: 10, focusPercent: 0),
    makeWorkload(
        name: "b-1000-same-service", label: "(b') adversarial: 1,000 statements, all CloudTrail", seed: 3, policies: 100, statementsPerPolicy: 10,
        focusPercent: 100),
]

// MARK: arguments
var emitDir: String?
var samples = 20_000
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    switch a {
    case "--emit": emitDir = args.popFirst()
    case "--samples": samples = Int(args.popFirst() ?? "") ?? samples
    default:
        print("usage: cairn-bench-policy [--emit DIR] [--samples N]")
        exit(2)
    }
}

func percentile(_ sorted: [UInt64], _ p: Double) -> UInt64 { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }

#if DEBUG
print("warning: debug build; use `swift run -c release cairn-bench-policy` for real numbers")
#endif

// Clock overhead, reported so readers can discount it.
var overhead: [UInt64] = []
for _ in 0..<10_000 {
    let t0 = nowNanos()
    let t1 = nowNanos()
    overhead.append(t1 - t0)
}
overhead.sort()
print("clock_gettime overhead: median \(percentile(overhead, 0.5)) ns")
print("samples per row: \(samples), each one decision timed individually, one thread")
print("")
print("| workload | statements | decision | compile (once) | median ns/decision | p90 ns/decision | median ns incl. request build |")
print("|---|---:|---|---:|---:|---:|---:|")

var sink = 0
for w in workloads {
    let principal = RequestPrincipal(arn: "arn:aws:iam::111111111111:user/alice", tags: ["team": "payments"])
    let c0 = nowNanos()
    let docs = w.identityTexts.map { try! PolicyDocument.parse($0) }
    let bundle = PolicyBundle(identity: docs)
    let compileNs = nowNanos() - c0
    let request = AuthorizationRequest(principal: principal, action: w.action, resource: w.resource, context: w.context)
    let decision = PolicyEvaluator.evaluate(request, bundle).decision

    // Warm up.
    for _ in 0..<2_000 { sink &+= PolicyEvaluator.evaluate(request, bundle).matchedStatements.count }
    var times: [UInt64] = []
    times.reserveCapacity(samples)
    for _ in 0..<samples {
        let t0 = nowNanos()
        let r = PolicyEvaluator.evaluate(request, bundle)
        let t1 = nowNanos()
        sink &+= r.matchedStatements.count
        times.append(t1 - t0)
    }
    times.sort()
    var full: [UInt64] = []
    full.reserveCapacity(samples)
    for _ in 0..<samples {
        let t0 = nowNanos()
        let req = AuthorizationRequest(principal: principal, action: w.action, resource: w.resource, context: w.context)
        let r = PolicyEvaluator.evaluate(req, bundle)
        let t1 = nowNanos()
        sink &+= r.matchedStatements.count
        full.append(t1 - t0)
    }
    full.sort()
    print(
        "| \(w.label) | \(w.statementCount) | \(decision.rawValue) | \(compileNs / 1_000) µs | \(percentile(times, 0.5)) | \(percentile(times, 0.9)) | \(percentile(full, 0.5)) |"
    )

    if let dir = emitDir {
        var ctx: [String: String] = [:]
        for (k, v) in w.context { if case .single(let s) = v { ctx[k] = s } }
        let object: [String: Any] = [
            "name": w.name, "label": w.label, "identityPolicies": w.identityTexts, "action": w.action, "resource": w.resource,
            "principal": "arn:aws:iam::111111111111:user/alice", "context": ctx, "expectedDecision": decision.rawValue,
            "swiftMedianNs": percentile(times, 0.5), "swiftP90Ns": percentile(times, 0.9),
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try! data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(w.name).json"))
    }
}
if sink == 42 { print("") }
