/// Date condition values: ISO 8601 (date-only, date-time, fractional seconds, `Z` or an offset) or epoch
/// seconds. Parsed by hand so evaluation needs no formatter objects and accepts exactly these forms.
package enum PolicyDate {
    /// Seconds since 1970-01-01T00:00:00Z.
    package static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        if !bytes.isEmpty, bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }),
            !bytes.dropFirst().contains(UInt8(ascii: "-")), let epoch = Double(text), epoch.isFinite
        {
            return epoch
        }
        var i = 0
        func num(_ digits: Int) -> Int? {
            guard i + digits <= bytes.count else { return nil }
            var v = 0
            for k in 0..<digits {
                let b = bytes[i + k]
                guard b >= 0x30, b <= 0x39 else { return nil }
                v = v * 10 + Int(b - 0x30)
            }
            i += digits
            return v
        }
        func take(_ c: Character) -> Bool {
            if i < bytes.count, bytes[i] == c.asciiValue! {
                i += 1
                return true
            }
            return false
        }
        guard let year = num(4), take("-"), let month = num(2), take("-"), let day = num(2) else { return nil }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year, month, day)) * 86_400
        if i == bytes.count { return seconds }
        guard take("T") || take("t") || take(" ") else { return nil }
        guard let hh = num(2), take(":"), let mm = num(2), hh <= 23, mm <= 59 else { return nil }
        var ss = 0.0
        if take(":") {
            guard let s = num(2), s <= 60 else { return nil }
            ss = Double(s)
            if take(".") {
                var scale = 0.1
                var any = false
                while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                    ss += Double(bytes[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                    any = true
                }
                guard any else { return nil }
            }
        }
        seconds += Double(hh * 3600 + mm * 60) + ss
        if i == bytes.count || take("Z") || take("z") {
            return i == bytes.count ? seconds : nil
        }
        let sign: Double
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
        guard let oh = num(2) else { return nil }
        _ = take(":")
        guard let om = num(2), i == bytes.count, oh <= 23, om <= 59 else { return nil }
        return seconds - sign * Double(oh * 3600 + om * 60)
    }

    /// Howard Hinnant's days-from-civil: proleptic Gregorian date to days since the epoch.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
