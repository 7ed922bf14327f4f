import CairnCore
import Foundation
import Testing

/// The encoder's symbols read back by zbar, a decoder written independently of it, which is the proof that
/// an authenticator app can scan the `QRCodePNG` CreateVirtualMFADevice returns. zbar-tools is a test
/// dependency (CI installs it): without it these tests fail rather than skip.
@Suite struct QRCodeScanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let payload: String
        let correction: QRCode.Correction
        var testDescription: String { "\(payload.utf8.count) bytes at \(correction)" }
    }

    static let zbarimg = "/usr/bin/zbarimg"

    /// Printable ASCII that varies, so that neighbouring modules differ as they would in real text.
    static func text(_ count: Int) -> String {
        let bytes: [UInt8] = (0..<count).map { (i: Int) -> UInt8 in UInt8(32 + (i * 31 + i * i / 7) % 95) }
        return String(decoding: bytes, as: UTF8.self)
    }

    static let otpauth =
        "otpauth://totp/alice-phone@123456789012?secret="
        + String((0..<64).map { Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")[$0 * 13 % 32] })

    static let cases: [Case] = {
        let all: [QRCode.Correction] = [.low, .medium, .quartile, .high]
        var cases = [1, 14, 15, 26, 27, 60, 120, 200].map { Case(payload: text($0), correction: .medium) }
        cases += [1, 60, 200, 400, 1000].flatMap { count in all.map { Case(payload: text(count), correction: $0) } }
        cases += all.map { Case(payload: otpauth, correction: $0) }
        return cases
    }()

    @Test(arguments: cases)
    func zbarReadsBackThePayload(_ test: Case) throws {
        let code = try QRCode(text: test.payload, correction: test.correction)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-qr-\(UUID().uuidString).png")
        try Data(code.png()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try Self.scan(file) == test.payload, "version \(code.version)")
    }

    @Test func anOtpauthURLNeedsNoMoreThanVersion7AtLevelM() throws {
        #expect(Self.otpauth.utf8.count == 111)
        #expect(try QRCode(text: Self.otpauth).version <= 7)
    }

    static func scan(_ file: URL) throws -> String {
        try #require(
            FileManager.default.isExecutableFile(atPath: zbarimg),
            "\(zbarimg) is missing: install zbar-tools (apt-get install zbar-tools) to run the QR code tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice  // zbar complains about D-Bus where there is none
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // zbarimg exits 4 when it finds no symbol.
        try #require(process.terminationStatus == 0, "zbarimg exited with \(process.terminationStatus) reading \(file.path)")
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
