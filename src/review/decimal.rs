//! Numbers written in decimal by hand: a report writes a million of them, and `format!` costs
//! more than the digits.

/// Appends `n` in decimal (by hand: a report writes a million numbers).
pub fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, 10, 99, 4096, 1_000_000, u64::MAX] {
            let mut out = String::from("n=");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("n={n}"));
        }
    }
}
