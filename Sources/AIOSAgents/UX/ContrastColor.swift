import AIOSSystem

/// An sRGB colour with the WCAG 2.x relative luminance and contrast ratio, and the adjustments
/// that bring a pair of colours up to a required ratio.
package struct ContrastColor: Sendable, Hashable {
    package var red: Double
    package var green: Double
    package var blue: Double

    /// Parses `#rrggbb` or `#rgb`; nil for anything else.
    package init?(hex: String) {
        var digits = hex.hasPrefix("#") ? String(hex.dropFirst()) : hex
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        red = Double((value >> 16) & 0xff) / 255
        green = Double((value >> 8) & 0xff) / 255
        blue = Double(value & 0xff) / 255
    }

    package init(red: Double, green: Double, blue: Double) {
        self.red = min(max(red, 0), 1)
        self.green = min(max(green, 0), 1)
        self.blue = min(max(blue, 0), 1)
    }

    package static let black = ContrastColor(red: 0, green: 0, blue: 0)
    package static let white = ContrastColor(red: 1, green: 1, blue: 1)

    /// `#rrggbb`, lowercase.
    package var hex: String {
        let digits = "0123456789abcdef".map { $0 }
        var text = "#"
        for channel in [red, green, blue] {
            let value = Int((channel * 255).rounded())
            text.append(digits[value / 16])
            text.append(digits[value % 16])
        }
        return text
    }

    /// WCAG 2.x relative luminance.
    package var luminance: Double {
        func linear(_ c: Double) -> Double {
            c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG contrast ratio, 1…21.
    package static func ratio(_ a: ContrastColor, _ b: ContrastColor) -> Double {
        let (l1, l2) = (a.luminance, b.luminance)
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    /// The ratio rounded down to two decimals, as reported (rounding down never overstates it).
    package static func reportedRatio(_ a: ContrastColor, _ b: ContrastColor) -> Double {
        (ratio(a, b) * 100).rounded(.down) / 100
    }

    package func mixed(with other: ContrastColor, _ amount: Double) -> ContrastColor {
        ContrastColor(red: red + (other.red - red) * amount, green: green + (other.green - green) * amount, blue: blue + (other.blue - blue) * amount)
    }

    /// This colour moved toward black or white (away from `background`) in small steps until it
    /// reaches `minimum` against `background`, after rounding to hex; nil if even black or white
    /// cannot.
    package func adjusted(against background: ContrastColor, minimum: Double) -> ContrastColor? {
        let target = background.luminance > 0.18 ? ContrastColor.black : ContrastColor.white
        for step in 0...50 {
            guard let candidate = ContrastColor(hex: mixed(with: target, Double(step) / 50).hex) else { continue }
            if Self.ratio(candidate, background) >= minimum { return candidate }
        }
        return nil
    }
}
