import { AdapterDateFnsJalali } from "@mui/x-date-pickers/AdapterDateFnsJalali";
import { DatePicker } from "@mui/x-date-pickers/DatePicker";
import { LocalizationProvider } from "@mui/x-date-pickers/LocalizationProvider";
import { enUS as pickersEn, faIR as pickersFa } from "@mui/x-date-pickers/locales";
import type { DateValidationError } from "@mui/x-date-pickers/models";
import { format as formatJalali } from "date-fns-jalali";
import { enUS as jalaliEn, faIR as jalaliFa } from "date-fns-jalali/locale";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { DATE_MAX, DATE_MIN, isoDateToLocal, isoToJalali, localToIsoDate } from "../../core/jalali";
import { toAsciiDigits, toPersianDigits } from "../../core/normalize";

type AdapterOptions = ConstructorParameters<typeof AdapterDateFnsJalali>[0];

/**
 * The Jalali adapter prints Latin digits; this one prints Persian digits in
 * everything it formats (field sections, calendar days, years, headers). The
 * field learns the digits from formatByString and accepts typed Persian
 * digits.
 */
class AdapterJalaliPersianDigits extends AdapterDateFnsJalali {
  constructor(options?: AdapterOptions) {
    super(options);
    const formatByString = this.formatByString;
    this.formatByString = (value, formatString) => toPersianDigits(formatByString(value, formatString));
    // The field builds the date from the sections' Persian text.
    const parse = this.parse;
    this.parse = (value, format) => parse(toAsciiDigits(value), format);
    // The field detects a zero-padded year by looking for a leading Latin
    // "0"; with Persian digits it cannot, so give the year its length.
    this.formatTokenMap = { ...this.formatTokenMap, yyyy: { sectionType: "year", contentType: "digit", maxLength: 4 } };
  }
}

const pickersText = {
  fa: pickersFa.components.MuiLocalizationProvider.defaultProps.localeText,
  en: pickersEn.components.MuiLocalizationProvider.defaultProps.localeText,
};

/** Weekday initials: ش ی د س چ پ ج in Persian, Sa Su Mo… in English. */
function weekdayLabel(date: Date, fa: boolean): string {
  return fa ? formatJalali(date, "EEEEE", { locale: jalaliFa }) : formatJalali(date, "EEEEEE", { locale: jalaliEn });
}

function toJalaliText(iso: string, fa: boolean): string {
  const j = isoToJalali(iso) ?? iso;
  return fa ? toPersianDigits(j) : j;
}

export interface JalaliDateFieldProps {
  label: string;
  /** ISO date "YYYY-MM-DD" or null. */
  value: string | null;
  onChange: (value: string | null) => void;
  minDate?: string;
  maxDate?: string;
  disablePast?: boolean;
  helperText?: string;
  error?: boolean;
  testId?: string;
  fullWidth?: boolean;
}

export function JalaliDateField(props: JalaliDateFieldProps) {
  const { t, i18n } = useTranslation();
  const fa = i18n.language === "fa";
  const localeText = useMemo(
    () =>
      fa
        ? {
            ...pickersText.fa,
            fieldYearPlaceholder: () => t("datePicker.year"),
            fieldMonthPlaceholder: () => t("datePicker.month"),
            fieldDayPlaceholder: () => t("datePicker.day"),
          }
        : pickersText.en,
    [fa, t],
  );
  const date = useMemo(() => (props.value ? isoDateToLocal(props.value) : null), [props.value]);
  // Every date field offers Jalali 1300–1500 at most, the range the server takes.
  const minIso = props.minDate && props.minDate > DATE_MIN ? props.minDate : DATE_MIN;
  const maxIso = props.maxDate && props.maxDate < DATE_MAX ? props.maxDate : DATE_MAX;
  const minDate = isoDateToLocal(minIso) ?? undefined;
  const maxDate = isoDateToLocal(maxIso) ?? undefined;
  const [rangeError, setRangeError] = useState<DateValidationError>(null);
  const rangeText =
    rangeError === "minDate" || rangeError === "maxDate" || rangeError === "disablePast"
      ? t("datePicker.outOfRange", { from: toJalaliText(minIso, fa), to: toJalaliText(maxIso, fa) })
      : rangeError === "invalidDate"
        ? t("datePicker.invalid")
        : null;
  // Persian keyboards type ۰–۹, which the field does not take as digits:
  // turn them into ASCII digits before the field reads the keystroke.
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const onInput = (e: Event) => {
      const target = e.target;
      if (!(target instanceof HTMLElement) || !target.isContentEditable) return;
      const text = target.textContent ?? "";
      const ascii = toAsciiDigits(text);
      if (ascii !== text) target.textContent = ascii;
    };
    el.addEventListener("input", onInput, true);
    return () => el.removeEventListener("input", onInput, true);
  }, []);

  return (
    <div ref={wrapper} data-testid={props.testId}>
      <LocalizationProvider
        dateAdapter={fa ? AdapterJalaliPersianDigits : AdapterDateFnsJalali}
        adapterLocale={fa ? jalaliFa : jalaliEn}
        localeText={localeText}
      >
        <DatePicker
          label={props.label}
          value={date}
          format="yyyy/MM/dd"
          dayOfWeekFormatter={(d) => weekdayLabel(d, fa)}
          minDate={minDate}
          maxDate={maxDate}
          disablePast={props.disablePast}
          onError={setRangeError}
          onChange={(d) => {
            if (d === null) props.onChange(null);
            else if (!Number.isNaN(d.getTime())) props.onChange(localToIsoDate(d));
          }}
          slotProps={{
            textField: {
              size: "small",
              fullWidth: props.fullWidth ?? true,
              helperText: rangeText ?? props.helperText,
              error: props.error || rangeText !== null,
            },
            field: { clearable: true },
          }}
        />
      </LocalizationProvider>
    </div>
  );
}
