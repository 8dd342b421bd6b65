//! Where the console listens: loopback only, refused before anything else happens (before the
//! passphrase is asked), since a console reachable from the network would let anyone there
//! decide in her place.

use super::words as w;
use crate::error::{CliError, Result};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use vaultd::i18n::Lang;

/// The default: 127.0.0.1, on a port the kernel picks.
pub const DEFAULT: SocketAddr = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);

/// `--listen` read and checked: an IP address and port on loopback (names are refused: what a
/// name resolves to can change).
pub fn address(lang: Lang, text: Option<&str>) -> Result<SocketAddr> {
    let Some(text) = text else {
        return Ok(DEFAULT);
    };
    let address: SocketAddr = text
        .parse()
        .map_err(|_| CliError::Usage(w::BAD_LISTEN.fill(lang, &[("address", &text)])))?;
    if !address.ip().is_loopback() {
        return Err(CliError::Usage(
            w::NOT_LOOPBACK.fill(lang, &[("address", &text)]),
        ));
    }
    Ok(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_addresses_are_accepted() {
        assert_eq!(address(Lang::Fr, None).unwrap(), DEFAULT);
        for ok in [
            "127.0.0.1:0",
            "127.0.0.1:8080",
            "[::1]:9000",
            "127.1.2.3:80",
        ] {
            assert!(
                address(Lang::Fr, Some(ok)).unwrap().ip().is_loopback(),
                "{ok}"
            );
        }
        for (refused, said) in [
            ("0.0.0.0:8080", "boucle locale"),
            ("192.168.1.10:8080", "boucle locale"),
            ("[::]:8080", "boucle locale"),
            ("localhost:8080", "illisible"),
            ("127.0.0.1", "illisible"),
        ] {
            let e = address(Lang::Fr, Some(refused)).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{refused}");
            assert!(e.describe(Lang::Fr).contains(said), "{refused}");
            assert!(e.describe(Lang::Fr).contains(refused), "{refused}");
        }
        let e = address(Lang::En, Some("0.0.0.0:1")).unwrap_err();
        assert!(e.describe(Lang::En).contains("loopback only"));
    }
}
