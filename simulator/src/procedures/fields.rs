//! Typed values to and from a screen's form values. Field names belong to the screens: only the
//! screens (and these helpers they share for the blocks several screens print — a person, an
//! address) know them. A screen's form is validated by its `SectionSpec`s first, so the parsers
//! here only meet values that passed; a value that still does not parse becomes that field's
//! error rather than a panic.

use crate::application::{Address, Person, PersonName, Slot};
use crate::domain::format::{self, FormField};
use crate::screen::spec::{FieldErrors, Values};
use std::borrow::Cow;

/// The value of `name`, parsed.
pub fn get<T: FormField>(values: &Values, name: &str) -> Result<T, FieldErrors> {
    T::parse(values.get(name).map_or("", String::as_str)).map_err(|e| error(name, e))
}

/// The value of an optional (任意) field: empty is `None`.
pub fn opt<T: FormField>(values: &Values, name: &str) -> Result<Option<T>, FieldErrors> {
    format::optional(values.get(name).map_or("", String::as_str)).map_err(|e| error(name, e))
}

/// The raw value of `name` ("" when absent).
pub fn raw<'a>(values: &'a Values, name: &str) -> &'a str {
    values.get(name).map_or("", String::as_str)
}

/// A code of a list (radio), or the field's error.
pub fn choice<T>(
    values: &Values,
    name: &str,
    from_code: fn(&str) -> Option<T>,
) -> Result<T, FieldErrors> {
    from_code(raw(values, name)).ok_or_else(|| error(name, format::FormatError::Required))
}

fn error(name: &str, e: format::FormatError) -> FieldErrors {
    FieldErrors::from([(name.to_string(), e.message("入力値"))])
}

/// Sets `name` to `value`.
pub fn set(values: &mut Values, name: &str, value: &str) {
    values.insert(name.to_string(), value.to_string());
}

/// Sets `name` to an optional value ("" for none).
pub fn set_opt<T: FormField>(values: &mut Values, name: &str, value: &Option<T>) {
    set(values, name, value.as_ref().map_or("", |v| v.as_str()));
}

/// 氏名 and フリガナ under `prefix` (`""`, `manager_`, `contractor_`, `contact_`).
pub fn name_values(values: &mut Values, prefix: &str, n: &PersonName) {
    for (k, v) in [
        ("last_name", n.last.as_str()),
        ("first_name", n.first.as_str()),
        ("last_name_kana", n.last_kana.as_str()),
        ("first_name_kana", n.first_kana.as_str()),
    ] {
        set(values, &[prefix, k].concat(), v);
    }
}

pub fn name_from(values: &Values, prefix: &str) -> Result<PersonName, FieldErrors> {
    let f = |k: &str| [prefix, k].concat();
    Ok(PersonName {
        last: get(values, &f("last_name"))?,
        first: get(values, &f("first_name"))?,
        last_kana: get(values, &f("last_name_kana"))?,
        first_kana: get(values, &f("first_name_kana"))?,
    })
}

/// A person under `prefix`; `email` names its address field (`email`, `manager_email`,
/// `contact_email1`).
pub fn person_values(values: &mut Values, prefix: &str, email: &str, p: &Person) {
    name_values(values, prefix, &p.name);
    let f = |k: &str| [prefix, k].concat();
    set_opt(values, &f("department"), &p.department);
    set_opt(values, &f("title"), &p.title);
    set(values, &f("tel"), p.tel.as_str());
    set_opt(values, &f("fax"), &p.fax);
    set(values, email, p.email.as_str());
}

pub fn person_from(values: &Values, prefix: &str, email: &str) -> Result<Person, FieldErrors> {
    let f = |k: &str| [prefix, k].concat();
    Ok(Person {
        name: name_from(values, prefix)?,
        department: opt(values, &f("department"))?,
        title: opt(values, &f("title"))?,
        tel: get(values, &f("tel"))?,
        fax: opt(values, &f("fax"))?,
        email: get(values, email)?,
    })
}

/// The address block under `prefix` (`office_`, `hq_`, `billing_`).
pub fn address_values(values: &mut Values, prefix: &str, a: &Address) {
    for (k, v) in [
        ("postal", a.postal.as_str()),
        ("prefecture", a.prefecture.as_str()),
        ("city", a.city.as_str()),
        ("street", a.street.as_str()),
        ("address_kana", a.kana.as_str()),
    ] {
        set(values, &[prefix, k].concat(), v);
    }
}

pub fn address_from(values: &Values, prefix: &str) -> Result<Address, FieldErrors> {
    let f = |k: &str| [prefix, k].concat();
    Ok(Address {
        postal: get(values, &f("postal"))?,
        prefecture: get(values, &f("prefecture"))?,
        city: get(values, &f("city"))?,
        street: get(values, &f("street"))?,
        kana: get(values, &f("address_kana"))?,
    })
}

/// A screen's form: the typed value of one [`Slot`] of a draft, shown as form values and parsed
/// back from them.
pub trait ScreenForm: Sized {
    /// What parsing needs besides the values (other parts of the draft, today's date).
    type Context<'a>;
    /// The values the screen shows for the typed value.
    fn to_values(&self) -> Values;
    /// Checks the values with the screen's rules and builds the typed value, or the errors by
    /// field.
    fn parse(values: &Values, cx: &Self::Context<'_>) -> Result<Self, FieldErrors>;
}

/// The values a screen shows for its slot: as typed while unchecked, from the typed value once
/// accepted, none before.
pub fn slot_values<T: ScreenForm>(slot: &Slot<T>) -> Cow<'_, Values> {
    match slot {
        Slot::Empty => Cow::Owned(Values::new()),
        Slot::Unchecked(raw) => Cow::Borrowed(raw),
        Slot::Parsed(t) => Cow::Owned(t.to_values()),
    }
}

/// The slot after a submission of `values`: the typed value if they pass, else as typed; and
/// the errors.
pub fn slot_from<T: ScreenForm>(values: Values, cx: &T::Context<'_>) -> (Slot<T>, FieldErrors) {
    match T::parse(&values, cx) {
        Ok(t) => (Slot::Parsed(t), FieldErrors::new()),
        Err(e) => (Slot::Unchecked(values), e),
    }
}

/// The values of `sections` as a kit input shows them (docs/kit.md, "Inputs"), keyed as the
/// JSON screen document keys its fields: by section heading — for a section printed without
/// one, the last heading above it — and printed label (a lone check box by its text); a choice by
/// its option's label, check boxes as the list of ticked labels. File inputs are left to the
/// caller.
pub fn entered(
    sections: &[&crate::screen::spec::SectionSpec],
    values: &Values,
    out: &mut serde_json::Map<String, serde_json::Value>,
) {
    use crate::screen::spec::{Input, full_label, value_of};
    use serde_json::Value;
    let mut heading = "";
    for s in sections {
        if !s.heading.is_empty() {
            heading = s.heading;
        }
        for (row, f) in s.fields() {
            let value = value_of(f, values);
            let label_of = |opts: &[crate::screen::spec::Opt], code: &str| {
                opts.iter()
                    .find(|o| o.code == code)
                    .map_or(String::new(), |o| o.label.to_string())
            };
            let v = match f.input {
                Input::File => continue,
                Input::Radio(opts) => Value::String(label_of(opts, value)),
                Input::Checks(opts) => Value::Array(
                    value
                        .split(',')
                        .filter(|c| !c.is_empty())
                        .map(|c| Value::String(label_of(opts, c)))
                        .collect(),
                ),
                Input::Check(text) => Value::Array(if value == "1" {
                    vec![Value::String(text.to_string())]
                } else {
                    Vec::new()
                }),
                _ => Value::String(value.to_string()),
            };
            let label = match f.input {
                Input::Check(text) if row.label.is_empty() && f.part.is_none() => text.to_string(),
                _ => full_label(row, f),
            };
            let target = if heading.is_empty() {
                &mut *out
            } else {
                match out
                    .entry(heading.to_string())
                    .or_insert_with(|| Value::Object(Default::default()))
                {
                    Value::Object(m) => m,
                    _ => continue,
                }
            };
            target.insert(label, v);
        }
    }
}
