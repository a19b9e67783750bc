//! The values an order is made of, parsed once at the edge (parse, don't validate): a handler
//! that holds a `Money` or a `CustomerId` knows it is acceptable to the database.

use std::{borrow::Cow, fmt};

use rust_decimal::Decimal;

/// A request field that was refused, named as on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub name: Cow<'static, str>,
    pub reason: String,
}

impl FieldError {
    pub fn new(name: impl Into<Cow<'static, str>>, reason: impl Into<String>) -> Self {
        Self { name: name.into(), reason: reason.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.reason)
    }
}

/// An amount that fits `NUMERIC(10,2)` exactly: 0 to 99999999.99, at most two decimals.
/// Nothing is ever rounded: `12.345` is refused, `12.340` is the exact value 12.34.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money(Decimal);

impl Money {
    /// 99999999.99, the largest `NUMERIC(10,2)` (9_999_999_999 = 2 * 2^32 + 0x540B_E3FF, scale 2).
    pub const MAX: Decimal = Decimal::from_parts(0x540B_E3FF, 2, 0, false, 2);

    pub fn parse(field: &'static str, value: Decimal) -> Result<Self, FieldError> {
        let value = value.normalize();
        if value.is_sign_negative() && !value.is_zero() {
            return Err(FieldError::new(field, "must not be negative"));
        }
        if value.scale() > 2 {
            return Err(FieldError::new(field, format!("{value} has more than two decimals")));
        }
        if value > Self::MAX {
            return Err(FieldError::new(field, format!("{value} is above the maximum {}", Self::MAX)));
        }
        Ok(Self(value.abs()))
    }

    pub fn get(self) -> Decimal {
        self.0
    }
}

/// A customer id: a positive 64-bit integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomerId(i64);

impl CustomerId {
    pub fn parse(field: &'static str, value: i64) -> Result<Self, FieldError> {
        if value < 1 {
            return Err(FieldError::new(field, format!("{value} is not a positive integer")));
        }
        Ok(Self(value))
    }

    /// A query parameter, already known to be a `u64` by the generated router.
    pub fn from_u64(field: &'static str, value: u64) -> Result<Self, FieldError> {
        i64::try_from(value)
            .map_err(|_| FieldError::new(field, format!("{value} is not between 1 and {}", i64::MAX)))
            .and_then(|v| Self::parse(field, v))
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// An order id as the database stores it (`BIGINT`, from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderId(i64);

impl OrderId {
    /// The path's `id`, already known to be a `u64` by the generated router.
    pub fn parse(value: u64) -> Result<Self, FieldError> {
        match i64::try_from(value) {
            Ok(id) if id >= 1 => Ok(Self(id)),
            _ => Err(FieldError::new("id", format!("{value} is not between 1 and {}", i64::MAX))),
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Where an order is. The one transition table of the service; the database enforces the same
/// table (`order_status_transition_allowed`), and the workflow only ever asks for these moves.
///
/// In activity results and workflow state it is the same lower-case string the API and the
/// database use, so histories recorded when it was a plain string replay unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    Pending,
    Processing,
    Shipped,
    Completed,
    Cancelled,
    Failed,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 6] =
        [Self::Pending, Self::Processing, Self::Shipped, Self::Completed, Self::Cancelled, Self::Failed];

    pub fn from_model(status: &orders_api::models::OrderStatus) -> Self {
        use orders_api::models::OrderStatus as M;
        match status {
            M::Pending => Self::Pending,
            M::Processing => Self::Processing,
            M::Shipped => Self::Shipped,
            M::Completed => Self::Completed,
            M::Cancelled => Self::Cancelled,
            M::Failed => Self::Failed,
        }
    }

    pub fn to_model(self) -> orders_api::models::OrderStatus {
        use orders_api::models::OrderStatus as M;
        match self {
            Self::Pending => M::Pending,
            Self::Processing => M::Processing,
            Self::Shipped => M::Shipped,
            Self::Completed => M::Completed,
            Self::Cancelled => M::Cancelled,
            Self::Failed => M::Failed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Processing => "processing",
            Self::Shipped => "shipped",
            Self::Completed => "completed",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
        }
    }

    /// A status as the database stores it.
    pub fn from_db(status: &str) -> anyhow::Result<Self> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == status)
            .ok_or_else(|| anyhow::anyhow!("unknown order status {status:?}"))
    }

    pub fn is_final(self) -> bool {
        matches!(self, Self::Completed | Self::Cancelled | Self::Failed)
    }

    /// `pending` -> `processing` -> `completed`; with items `processing` -> `shipped` ->
    /// `completed`, or `processing` -> `failed`; `pending` or `processing` -> `cancelled`.
    pub fn can_move_to(self, to: Self) -> bool {
        use OrderStatus::*;
        matches!(
            (self, to),
            (Pending, Processing)
                | (Processing, Completed)
                | (Processing, Shipped)
                | (Shipped, Completed)
                | (Processing, Failed)
                | (Pending | Processing, Cancelled)
        )
    }

    /// Whether a client may ask for `wanted`: the status it has (nothing to do), or a move the
    /// clients are allowed (see [`Self::allowed_by_clients`]).
    pub fn client_may_ask_for(self, wanted: Self) -> bool {
        wanted == self || self.allowed_by_clients().contains(&wanted)
    }

    /// The moves a client may ask for: only cancelling, and only before the order is shipped
    /// or final.
    pub fn allowed_by_clients(self) -> &'static [OrderStatus] {
        if self.can_move_to(Self::Cancelled) {
            &[Self::Cancelled]
        } else {
            &[]
        }
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A product's SKU: 1 to 64 of `[A-Za-z0-9._-]`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Sku(String);

impl Sku {
    pub fn parse(field: &'static str, value: &str) -> Result<Self, FieldError> {
        let ok = (1..=64).contains(&value.len())
            && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !ok {
            return Err(FieldError::new(field, "must be 1 to 64 of the characters A-Z a-z 0-9 . _ -"));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A product's name: 1 to 200 characters, none of them an ASCII control character (PostgreSQL
/// cannot store NUL in text, and a name is shown to people).
pub fn product_name(value: &str) -> Result<&str, FieldError> {
    match value.chars().count() {
        _ if value.chars().any(|c| c.is_ascii_control()) => {
            Err(FieldError::new("name", "must not contain control characters"))
        }
        1..=200 => Ok(value),
        n => Err(FieldError::new("name", format!("must be 1 to 200 characters, not {n}"))),
    }
}

/// Units on hand, as the database keeps them (`INTEGER`, not negative).
pub fn stock_units(value: u32) -> Result<i32, FieldError> {
    i32::try_from(value).map_err(|_| FieldError::new("stock", format!("{value} is above the maximum {}", i32::MAX)))
}

/// An order's lines: 1 to 100, each SKU at most once, each quantity 1 to 10,000.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderLines(Vec<(Sku, i32)>);

impl OrderLines {
    pub const MAX_LINES: usize = 100;
    pub const MAX_QUANTITY: u32 = 10_000;

    /// Every refused line is named (`items[2].quantity`), not only the first.
    pub fn parse(items: &[(String, u32)]) -> Result<Self, Vec<FieldError>> {
        if items.is_empty() || items.len() > Self::MAX_LINES {
            return Err(vec![FieldError::new(
                "items",
                format!("must have 1 to {} lines, not {}", Self::MAX_LINES, items.len()),
            )]);
        }
        let mut errors = Vec::new();
        let mut lines: Vec<(Sku, i32)> = Vec::with_capacity(items.len());
        for (i, (sku, quantity)) in items.iter().enumerate() {
            let name = |field: &str| format!("items[{i}].{field}");
            match Sku::parse("sku", sku) {
                Ok(sku) if lines.iter().any(|(seen, _)| *seen == sku) => {
                    errors.push(FieldError::new(name("sku"), format!("{} is already on another line", sku.as_str())))
                }
                Ok(sku) if (1..=Self::MAX_QUANTITY).contains(quantity) => lines.push((sku, *quantity as i32)),
                Ok(_) => errors.push(FieldError::new(
                    name("quantity"),
                    format!("{quantity} is not between 1 and {}", Self::MAX_QUANTITY),
                )),
                Err(e) => errors.push(FieldError::new(name("sku"), e.reason)),
            }
        }
        if errors.is_empty() {
            Ok(Self(lines))
        } else {
            Err(errors)
        }
    }

    pub fn lines(&self) -> &[(Sku, i32)] {
        &self.0
    }
}

/// What a carrier reports about a shipment, in the order it must happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CarrierEvent {
    Dispatched,
    Delivered,
}

impl CarrierEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dispatched => "dispatched",
            Self::Delivered => "delivered",
        }
    }
}

/// Where a page of products starts: the last SKU of the previous page, hex-encoded (opaque to
/// clients, like [`PageCursor`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkuCursor(String);

impl SkuCursor {
    pub fn after(sku: &str) -> Self {
        Self(sku.to_owned())
    }

    pub fn after_sku(&self) -> &str {
        &self.0
    }

    pub fn encode(&self) -> String {
        self.0.bytes().map(|b| format!("{b:02x}")).collect()
    }

    pub fn decode(raw: &str) -> Result<Self, FieldError> {
        let invalid = || FieldError::new("cursor", "is not a cursor this server gave out");
        // Lower-case hex digits only, checked before any slicing: a multi-byte character must
        // not split a pair.
        let hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
        if raw.is_empty() || !raw.len().is_multiple_of(2) || raw.len() > 128 || !raw.bytes().all(hex) {
            return Err(invalid());
        }
        let bytes = (0..raw.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&raw[i..i + 2], 16).map_err(|_| invalid()))
            .collect::<Result<Vec<u8>, _>>()?;
        let sku = String::from_utf8(bytes).map_err(|_| invalid())?;
        Sku::parse("cursor", &sku).map_err(|_| invalid())?;
        Ok(Self(sku))
    }
}

/// `limit` of a page of orders: 1 to 1000, 100 when absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimit(i64);

impl PageLimit {
    pub fn parse(value: Option<u32>) -> Result<Self, FieldError> {
        match value.unwrap_or(100) {
            n @ 1..=1000 => Ok(Self(i64::from(n))),
            n => Err(FieldError::new("limit", format!("{n} is not between 1 and 1000"))),
        }
    }

    pub fn get(self) -> i64 {
        self.0
    }
}

/// Where a page of orders starts: opaque to clients (16 hex digits, scrambled), so the paging
/// scheme can change without breaking links they kept. Any value of that shape is a position:
/// one past every order simply gives an empty page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCursor(i64);

impl PageCursor {
    /// Scrambles the position, so clients do not read ids into cursors.
    const MASK: u64 = 0x5a3c_96e1_0f7b_d248;

    pub fn after(order_id: i64) -> Self {
        Self(order_id)
    }

    pub fn after_id(self) -> i64 {
        self.0
    }

    pub fn encode(self) -> String {
        format!("{:016x}", (self.0 as u64) ^ Self::MASK)
    }

    pub fn decode(raw: &str) -> Result<Self, FieldError> {
        let invalid = || FieldError::new("cursor", "is not a cursor this server gave out (16 hex digits)");
        if raw.len() != 16 || !raw.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(invalid());
        }
        let position = u64::from_str_radix(raw, 16).map_err(|_| invalid())? ^ Self::MASK;
        Ok(Self(i64::try_from(position).unwrap_or(i64::MAX)))
    }
}

/// An `If-Match` header (RFC 9110 13.1.1): `*`, or a list of entity tags. Empty or malformed
/// values are refused (400), not taken for a tag that never matches (412).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IfMatch {
    Any,
    /// The tags, quotes included; weak ones (`W/"..."`) are kept out: they never match a state
    /// change.
    Strong(Vec<String>),
}

impl IfMatch {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let invalid = || FieldError::new("If-Match", "must be `*` or a list of entity tags such as `\"3\"`");
        let raw = raw.trim_matches([' ', '\t']);
        if raw == "*" {
            return Ok(IfMatch::Any);
        }
        let mut strong = Vec::new();
        let mut rest = raw;
        loop {
            let weak = rest.starts_with("W/");
            let tag_start = if weak { &rest[2..] } else { rest };
            let body = tag_start.strip_prefix('"').ok_or_else(invalid)?;
            let end = body.find('"').ok_or_else(invalid)?;
            if !body[..end].bytes().all(|b| b == 0x21 || (0x23..=0x7e).contains(&b)) {
                return Err(invalid());
            }
            if !weak {
                strong.push(tag_start[..end + 2].to_owned());
            }
            rest = body[end + 1..].trim_start_matches([' ', '\t']);
            match rest.strip_prefix(',') {
                Some(next) => rest = next.trim_start_matches([' ', '\t']),
                None if rest.is_empty() => return Ok(IfMatch::Strong(strong)),
                None => return Err(invalid()),
            }
        }
    }

    /// Whether the header holds for a resource whose (strong) ETag is `etag`.
    pub fn matches(&self, etag: &str) -> bool {
        match self {
            IfMatch::Any => true,
            IfMatch::Strong(tags) => tags.iter().any(|t| t == etag),
        }
    }
}

/// An `Idempotency-Key` header value: 1 to 255 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(value: String) -> Result<Self, FieldError> {
        match value.chars().count() {
            1..=255 => Ok(Self(value)),
            n => Err(FieldError::new("Idempotency-Key", format!("must be 1 to 255 characters, not {n}"))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn money(s: &str) -> Result<Money, FieldError> {
        Money::parse("total_amount", Decimal::from_str(s).unwrap())
    }

    #[test]
    fn money_keeps_exact_values() {
        assert_eq!(money("0.1").unwrap().get().to_string(), "0.1");
        assert_eq!(money("99999999.99").unwrap().get(), Money::MAX);
        assert_eq!(money("12.340").unwrap().get().to_string(), "12.34");
        assert_eq!(money("-0").unwrap().get(), Decimal::ZERO);
    }

    #[test]
    fn money_refuses_rather_than_rounds() {
        for bad in ["12.345", "-0.01", "100000000", "99999999.991"] {
            let err = money(bad).unwrap_err();
            assert_eq!(err.name, "total_amount", "{bad}");
        }
    }

    #[test]
    fn cursors_round_trip_and_refuse_forgeries() {
        let cursor = PageCursor::after(1234);
        assert_eq!(PageCursor::decode(&cursor.encode()).unwrap(), cursor);
        assert_ne!(cursor.encode(), format!("{:016x}", 1234), "opaque");
        for bad in ["", "abc", "0123456789abcdeg", "0123456789ABCDEF", "0123456789abcdef0"] {
            assert_eq!(PageCursor::decode(bad).unwrap_err().name, "cursor", "{bad}");
        }
        assert_eq!(PageCursor::decode("ffffffffffffffff").unwrap().after_id(), i64::MAX);
        assert_eq!(PageLimit::parse(None).unwrap().get(), 100);
        assert!(PageLimit::parse(Some(0)).is_err() && PageLimit::parse(Some(1001)).is_err());
    }

    #[test]
    fn if_match_is_a_star_or_a_list_of_entity_tags() {
        assert_eq!(IfMatch::parse("*"), Ok(IfMatch::Any));
        let list = IfMatch::parse(r#""1", W/"2" ,"3""#).unwrap();
        assert!(list.matches("\"1\"") && list.matches("\"3\"") && !list.matches("\"2\""));
        for bad in ["", " ", "1", "\"1", "\"1\" \"2\"", "\"1\",", "W/1", "**"] {
            assert!(IfMatch::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_transition_table() {
        use OrderStatus::*;
        let all = OrderStatus::ALL;
        let allowed: Vec<_> =
            all.iter().flat_map(|a| all.iter().map(move |b| (*a, *b))).filter(|(a, b)| a.can_move_to(*b)).collect();
        assert_eq!(
            allowed,
            vec![
                (Pending, Processing),
                (Pending, Cancelled),
                (Processing, Shipped),
                (Processing, Completed),
                (Processing, Cancelled),
                (Processing, Failed),
                (Shipped, Completed)
            ]
        );
        assert!(Completed.is_final() && Cancelled.is_final() && Failed.is_final());
        assert!(!Pending.is_final() && !Shipped.is_final());
        assert!(Shipped.allowed_by_clients().is_empty(), "no cancel once shipped");
        assert_eq!(Processing.allowed_by_clients(), &[Cancelled]);
        assert!(Completed.allowed_by_clients().is_empty());
        // What a client may put in `status`: what the order has, or a cancel before it is final.
        let asked: Vec<_> = all
            .iter()
            .flat_map(|a| all.iter().map(move |b| (*a, *b)))
            .filter(|(a, b)| a != b && a.client_may_ask_for(*b))
            .collect();
        assert_eq!(asked, vec![(Pending, Cancelled), (Processing, Cancelled)]);
        assert!(all.iter().all(|s| s.client_may_ask_for(*s)));
    }

    #[test]
    fn order_lines_name_every_refused_line() {
        let items = |v: &[(&str, u32)]| v.iter().map(|(s, q)| (s.to_string(), *q)).collect::<Vec<_>>();
        let ok = OrderLines::parse(&items(&[("tea-001", 2), ("cup.9_X", 10_000)])).unwrap();
        assert_eq!(ok.lines().len(), 2);
        let errors = OrderLines::parse(&items(&[("tea", 0), ("bad sku", 1), ("tea", 1), ("ok", 10_001)])).unwrap_err();
        let names: Vec<_> = errors.iter().map(|e| e.name.as_ref()).collect();
        assert_eq!(names, ["items[0].quantity", "items[1].sku", "items[3].quantity"]);
        assert!(OrderLines::parse(&[]).is_err());
        assert_eq!(OrderLines::parse(&items(&[("a", 1), ("a", 2)])).unwrap_err()[0].name, "items[1].sku");
        assert!(OrderLines::parse(&vec![("x".to_string(), 1); 101]).is_err());
        assert!(Sku::parse("sku", &"a".repeat(65)).is_err() && Sku::parse("sku", "").is_err());
        assert!(product_name("Green tea").is_ok() && product_name("").is_err());
        assert!(product_name("nul\u{0}inside").is_err() && product_name("tab\t").is_err());
        assert!(product_name("C1 \u{94} is not ASCII").is_ok(), "as the spec's pattern says");
    }

    #[test]
    fn sku_cursors_round_trip_and_refuse_forgeries() {
        let cursor = SkuCursor::after("tea-001");
        assert_eq!(SkuCursor::decode(&cursor.encode()).unwrap(), cursor);
        for bad in ["", "7", "zz", "7465612D", "20", "\u{10000}", "7\u{e9}"] {
            assert!(SkuCursor::decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_must_be_positive_and_fit_bigint() {
        assert!(CustomerId::parse("customer_id", 0).is_err());
        assert!(CustomerId::parse("customer_id", -5).is_err());
        assert_eq!(CustomerId::parse("customer_id", i64::MAX).unwrap().get(), i64::MAX);
        assert!(OrderId::parse(0).is_err());
        assert!(OrderId::parse(u64::MAX).is_err());
        assert_eq!(OrderId::parse(42).unwrap().get(), 42);
    }
}
