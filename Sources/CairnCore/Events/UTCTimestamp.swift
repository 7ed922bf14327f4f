package import Foundation

/// UTC timestamps in the two shapes the wire uses — `2026-11-27T17:04:32Z` (CloudTrail, XML) and
/// `20261127T170432Z` (SigV4's X-Amz-Date) — by calendar arithmetic. DateFormatter is costly to build and not
/// safe to share across threads on Linux; this is on every request's path.
package enum UTCTimestamp {
    package static func iso8601(_ date: Date) -> String {
        let (y, mo, d, h, mi, s) = components(date)
        return "\(pad(y, 4))-\(pad(mo, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2))Z"
    }

    package static func compact(_ date: Date) -> String {
        let (y, mo, d, h, mi, s) = components(date)
        return "\(pad(y, 4))\(pad(mo, 2))\(pad(d, 2))T\(pad(h, 2))\(pad(mi, 2))\(pad(s, 2))Z"
    }

    /// Java's medium date-time format in UTC, as AWS's services write dates inside records
    /// (`Aug 1, 2024 1:33:28 PM`; with `commaAfterYear`, `Jul 30, 2024, 9:46:15 PM`).
    package static func javaMedium(_ date: Date, commaAfterYear: Bool) -> String {
        let (y, mo, d, h, mi, s) = components(date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let hour = h % 12 == 0 ? 12 : h % 12
        return "\(months[mo - 1]) \(d), \(y)\(commaAfterYear ? "," : "") \(hour):\(pad(mi, 2)):\(pad(s, 2)) \(h < 12 ? "AM" : "PM")"
    }

    /// Parses `yyyy-MM-dd'T'HH:mm:ss'Z'` (what `iso8601` writes) by dropping the separators.
    package static func parse(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count == 20, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"), u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":")
        else { return nil }
        return parseCompact(String(decoding: u[0..<4] + u[5..<7] + u[8..<13] + u[14..<16] + u[17..<20], as: UTF8.self))
    }

    /// Parses `yyyyMMdd'T'HHmmss'Z'`; nil for anything else, including impossible dates.
    package static func parseCompact(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard let y = num(0..<4), let mo = num(4..<6), let d = num(6..<8), let h = num(9..<11), let mi = num(11..<13),
            let s = num(13..<15), (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), h < 24, mi < 60, s < 60
        else { return nil }
        let days = daysFromCivil(y, mo, d)
        return Date(timeIntervalSince1970: TimeInterval(days * 86400 + h * 3600 + mi * 60 + s))
    }

    /// Dates a caller sent can be anything a Double holds; those outside years 1–9999 (or not finite) are
    /// clamped to that range rather than trapping.
    private static func components(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        let seconds = date.timeIntervalSince1970
        let bounded = seconds.isFinite ? min(max(seconds, -62_135_596_800), 253_402_300_799) : 0
        let t = Int(bounded.rounded(.down))
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = t - days * 86400
        let (y, m, d) = civilFromDays(days)
        return (y, m, d, secs / 3600, (secs % 3600) / 60, secs % 60)
    }

    // Howard Hinnant's civil-calendar algorithms (public domain arithmetic), proleptic Gregorian.
    private static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
