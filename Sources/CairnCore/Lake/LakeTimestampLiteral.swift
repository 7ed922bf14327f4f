import Foundation

/// The timestamp text Lake accepts in comparisons with `eventTime` (UTC): `2024-03-01`, `2024-03-01 12:00`,
/// `2024-03-01 12:00:00`, with up to nine fraction digits, `T` for the space, and `Z`, `UTC` or an offset after it.
/// Anything else is refused when the query is compiled, not when it runs.
enum LakeTimestampLiteral {
    static func timestamp(_ text: String) -> Date? { parse(text, dateOnly: false) }

    static func date(_ text: String) -> Date? { parse(text, dateOnly: true) }

    private static func parse(_ text: String, dateOnly: Bool) -> Date? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        func number(_ digits: Int) -> Int? {
            guard s.count >= digits, s.prefix(digits).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            defer { s = s.dropFirst(digits) }
            return Int(s.prefix(digits))
        }
        func take(_ c: Character) -> Bool {
            guard s.first == c else { return false }
            s = s.dropFirst()
            return true
        }
        guard let year = number(4), year >= 1, take("-"), let month = number(2), take("-"), let day = number(2),
            (1...12).contains(month), day >= 1, day <= days(in: month, of: year)
        else { return nil }
        var seconds = Double(days(fromCivil: year, month, day)) * 86_400
        if dateOnly { return s.isEmpty ? Date(timeIntervalSince1970: seconds) : nil }
        if take(" ") || take("T") {
            guard let hour = number(2), hour < 24, take(":"), let minute = number(2), minute < 60 else { return nil }
            seconds += Double(hour * 3600 + minute * 60)
            if take(":") {
                guard let second = number(2), second < 60 else { return nil }
                seconds += Double(second)
                if take(".") {
                    let fraction = s.prefix { $0.isASCII && $0.isNumber }
                    guard (1...9).contains(fraction.count) else { return nil }
                    seconds += Double("0." + fraction)!
                    s = s.dropFirst(fraction.count)
                }
            }
        }
        s = s.drop { $0 == " " }
        if s == "Z" || s == "UTC" || s.isEmpty { return Date(timeIntervalSince1970: seconds) }
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        s = s.dropFirst()
        guard let hours = number(2), hours <= 18 else { return nil }
        var minutes = 0
        if !s.isEmpty {
            _ = take(":")
            guard let m = number(2), m < 60, s.isEmpty else { return nil }
            minutes = m
        }
        let offset = Double(hours * 3600 + minutes * 60)
        return Date(timeIntervalSince1970: sign == "+" ? seconds - offset : seconds + offset)
    }

    private static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
