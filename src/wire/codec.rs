//! The gRPC codec of every vault service (set in build.rs): prost's, except that a message that
//! does not decode is INVALID_ARGUMENT with the `malformed_message` reason, where tonic would
//! answer INTERNAL with no reason (a client's bad bytes are not the server's fault). The daemon's
//! authentication layer sees that status and puts the attempt on record.

use super::reason::{Failure, Reason, Unusable};
use std::marker::PhantomData;
use tonic::codec::{BufferSettings, Codec, DecodeBuf, Decoder};
use tonic::Status;
use tonic_prost::{ProstCodec, ProstEncoder};

/// The status for bytes that are not the expected message.
pub fn malformed_message() -> Status {
    let mut status = Status::invalid_argument("the message does not decode");
    Failure::new(Reason::BadRequest)
        .with_target(Unusable::MalformedMessage.code())
        .write_metadata(status.metadata_mut());
    status
}

/// Whether a status is [`malformed_message`]'s, from its code and metadata.
pub fn is_malformed_message(status: &Status) -> bool {
    status.code() == tonic::Code::InvalidArgument
        && Failure::from_status(status).is_some_and(|f| {
            f.reason == Reason::BadRequest
                && f.target.as_deref() == Some(Unusable::MalformedMessage.code())
        })
}

#[derive(Debug, Clone)]
pub struct VaultCodec<T, U> {
    _pd: PhantomData<(T, U)>,
}

impl<T, U> Default for VaultCodec<T, U> {
    fn default() -> Self {
        Self { _pd: PhantomData }
    }
}

impl<T, U> Codec for VaultCodec<T, U>
where
    T: prost::Message + Send + 'static,
    U: prost::Message + Default + Send + 'static,
{
    type Encode = T;
    type Decode = U;
    type Encoder = ProstEncoder<T>;
    type Decoder = VaultDecoder<U>;

    fn encoder(&mut self) -> Self::Encoder {
        ProstCodec::<T, U>::default().encoder()
    }

    fn decoder(&mut self) -> Self::Decoder {
        VaultDecoder { _pd: PhantomData }
    }
}

#[derive(Debug, Clone)]
pub struct VaultDecoder<U> {
    _pd: PhantomData<U>,
}

impl<U: prost::Message + Default> Decoder for VaultDecoder<U> {
    type Item = U;
    type Error = Status;

    fn decode(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<U>, Status> {
        U::decode(buf).map(Some).map_err(|_| malformed_message())
    }

    fn buffer_settings(&self) -> BufferSettings {
        BufferSettings::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_message_is_invalid_argument_with_its_reason() {
        let status = malformed_message();
        assert!(is_malformed_message(&status));
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert!(!is_malformed_message(&Status::invalid_argument("x")));
    }
}
