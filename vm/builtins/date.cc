// Date: the constructor, Date.now/parse/UTC and Date.prototype (getters,
// setters, string forms, toJSON, Symbol.toPrimitive).
//
// Local time is the host's time zone (via localtime_r); the zone name in
// toString is "Coordinated Universal Time" for UTC and the host's abbreviation
// otherwise. Date.parse accepts the ISO format and the common legacy forms
// V8 accepts ("10/31/2010 08:00", "Tue Feb 01 2022 00:00:00 GMT+0100",
// "Thu, 01 Jan 1970 00:00:00 GMT", "1 January 2000", "Jan 5, 2001 10:00 PM").
// toLocaleString and its Date/Time forms print the local time as en-US
// through ICU (locale.h).
#include <chrono>
#include <cmath>
#include <ctime>

#include "vm/builtins/builtins.h"
#include "vm/builtins/locale.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

// A Date instance: an ordinary object with [[DateValue]].
class DateObject final : public Object {
 public:
  DateObject(Object* proto, double t) : Object(CellKind::kObject, proto), time(t) {}
  double time;
  std::string SnapshotName() const override { return "Date"; }
};

constexpr double kMsPerDay = 86400000.0;
constexpr double kMsPerHour = 3600000.0;
constexpr double kMsPerMinute = 60000.0;
constexpr double kMsPerSecond = 1000.0;

const char* const kDayNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

double Day(double t) { return std::floor(t / kMsPerDay); }
double TimeWithinDay(double t) {
  double r = std::fmod(t, kMsPerDay);
  return r < 0 ? r + kMsPerDay : r;
}
double DayFromYear(double y) {
  return 365 * (y - 1970) + std::floor((y - 1969) / 4) - std::floor((y - 1901) / 100) +
         std::floor((y - 1601) / 400);
}
double TimeFromYear(double y) { return kMsPerDay * DayFromYear(y); }
bool InLeapYear(double y) {
  return std::fmod(y, 4) == 0 && (std::fmod(y, 100) != 0 || std::fmod(y, 400) == 0);
}
double YearFromTime(double t) {
  double y = std::floor(t / (kMsPerDay * 365.2425)) + 1970;
  while (TimeFromYear(y) > t) --y;
  while (TimeFromYear(y + 1) <= t) ++y;
  return y;
}
int MonthFromTime(double t, int* date) {
  double y = YearFromTime(t);
  int day_in_year = static_cast<int>(Day(t) - DayFromYear(y));
  int leap = InLeapYear(y) ? 1 : 0;
  static const int kCumulative[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  for (int m = 0; m < 12; ++m) {
    int end = kCumulative[m + 1] + (m >= 1 ? leap : 0);
    if (day_in_year < end) {
      int start = kCumulative[m] + (m >= 2 ? leap : 0);
      if (date) *date = day_in_year - start + 1;
      return m;
    }
  }
  if (date) *date = 31;
  return 11;
}
int WeekDay(double t) {
  int r = static_cast<int>(std::fmod(Day(t) + 4, 7));
  return r < 0 ? r + 7 : r;
}
double HourFromTime(double t) { return std::floor(TimeWithinDay(t) / kMsPerHour); }
double MinFromTime(double t) { return std::fmod(std::floor(TimeWithinDay(t) / kMsPerMinute), 60); }
double SecFromTime(double t) { return std::fmod(std::floor(TimeWithinDay(t) / kMsPerSecond), 60); }
double MsFromTime(double t) { return std::fmod(TimeWithinDay(t), 1000); }

double ToIntegerDouble(double d) { return std::isfinite(d) ? std::trunc(d) + 0.0 : d; }

double MakeTime(double h, double m, double s, double ms) {
  if (!std::isfinite(h) || !std::isfinite(m) || !std::isfinite(s) || !std::isfinite(ms)) return NAN;
  return ToIntegerDouble(h) * kMsPerHour + ToIntegerDouble(m) * kMsPerMinute + ToIntegerDouble(s) * kMsPerSecond +
         ToIntegerDouble(ms);
}

double MakeDay(double year, double month, double date) {
  if (!std::isfinite(year) || !std::isfinite(month) || !std::isfinite(date)) return NAN;
  double y = ToIntegerDouble(year), m = ToIntegerDouble(month), dt = ToIntegerDouble(date);
  double ym = y + std::floor(m / 12);
  if (std::fabs(ym) > 400000) return NAN;
  double mn = std::fmod(m, 12);
  if (mn < 0) mn += 12;
  static const int kCumulative[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  double day = DayFromYear(ym) + kCumulative[static_cast<int>(mn)] + (mn >= 2 && InLeapYear(ym) ? 1 : 0);
  return day + dt - 1;
}

double MakeDate(double day, double time) {
  if (!std::isfinite(day) || !std::isfinite(time)) return NAN;
  double tv = day * kMsPerDay + time;
  return std::isfinite(tv) ? tv : NAN;
}

double TimeClip(double t) {
  if (!std::isfinite(t) || std::fabs(t) > 8.64e15) return NAN;
  return ToIntegerDouble(t);
}

// Offset of local time from UTC at UTC time t, in ms.
double LocalOffset(double t_utc) {
  if (!std::isfinite(t_utc)) return 0;
  double secs = std::floor(t_utc / 1000);
  if (secs < -67768040609740800.0 || secs > 67768036191676799.0) return 0;
  time_t tt = static_cast<time_t>(secs);
  struct tm tm_local;
  if (!localtime_r(&tt, &tm_local)) return 0;
  return static_cast<double>(tm_local.tm_gmtoff) * 1000.0;
}

double LocalTime(double t) { return t + LocalOffset(t); }
double Utc(double local) {
  if (!std::isfinite(local)) return NAN;
  double guess = local - LocalOffset(local);
  return local - LocalOffset(guess);
}

std::string ZoneName(double t_utc) {
  double secs = std::floor(t_utc / 1000);
  time_t tt = static_cast<time_t>(secs);
  struct tm tm_local;
  if (!localtime_r(&tt, &tm_local)) return "Coordinated Universal Time";
  if (tm_local.tm_gmtoff == 0 && tm_local.tm_zone &&
      (std::string(tm_local.tm_zone) == "UTC" || std::string(tm_local.tm_zone) == "GMT")) {
    return "Coordinated Universal Time";
  }
  return tm_local.tm_zone ? tm_local.tm_zone : "";
}

double Now() {
  using namespace std::chrono;
  return static_cast<double>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

std::string Pad(double v, int width) {
  std::string s = std::to_string(static_cast<long long>(std::fabs(v)));
  while (static_cast<int>(s.size()) < width) s = "0" + s;
  return s;
}

std::string YearString(double y) {
  if (y < 0) return "-" + Pad(-y, 6);
  return Pad(y, 4);
}

std::string DateString(double local) {
  int date;
  int month = MonthFromTime(local, &date);
  return std::string(kDayNames[WeekDay(local)]) + " " + kMonthNames[month] + " " + Pad(date, 2) + " " +
         YearString(YearFromTime(local));
}

std::string TimeString(double local) {
  return Pad(HourFromTime(local), 2) + ":" + Pad(MinFromTime(local), 2) + ":" + Pad(SecFromTime(local), 2);
}

std::string TimeZoneString(double t) {
  double offset = LocalOffset(t) / kMsPerMinute;
  std::string sign = offset >= 0 ? "+" : "-";
  double a = std::fabs(offset);
  return " GMT" + sign + Pad(std::floor(a / 60), 2) + Pad(std::fmod(a, 60), 2) + " (" + ZoneName(t) + ")";
}

std::string IsoString(double t) {
  int date;
  int month = MonthFromTime(t, &date);
  double y = YearFromTime(t);
  std::string year = (y >= 0 && y <= 9999) ? Pad(y, 4) : (y < 0 ? "-" : "+") + Pad(std::fabs(y), 6);
  return year + "-" + Pad(month + 1, 2) + "-" + Pad(date, 2) + "T" + TimeString(t) + "." + Pad(MsFromTime(t), 3) +
         "Z";
}

// ---- parsing

double ParseIso(std::u16string_view s, bool* ok) {
  *ok = false;
  size_t i = 0;
  auto digits = [&](int n, double* out) {
    if (i + n > s.size()) return false;
    double v = 0;
    for (int k = 0; k < n; ++k) {
      char16_t c = s[i + k];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    i += n;
    *out = v;
    return true;
  };
  double year, month = 1, day = 1, h = 0, m = 0, sec = 0, ms = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    bool neg = s[i] == '-';
    ++i;
    if (!digits(6, &year)) return NAN;
    if (neg && year == 0) return NAN;
    if (neg) year = -year;
  } else if (!digits(4, &year)) {
    return NAN;
  }
  bool date_only = true;
  if (i < s.size() && s[i] == '-') {
    ++i;
    if (!digits(2, &month) || month < 1 || month > 12) return NAN;
    if (i < s.size() && s[i] == '-') {
      ++i;
      if (!digits(2, &day) || day < 1 || day > 31) return NAN;
    }
  }
  bool has_offset = false;
  double offset = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't')) {
    date_only = false;
    ++i;
    if (!digits(2, &h) || i >= s.size() || s[i] != ':') return NAN;
    ++i;
    if (!digits(2, &m)) return NAN;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!digits(2, &sec)) return NAN;
      if (i < s.size() && s[i] == '.') {
        ++i;
        size_t start = i;
        double frac = 0, scale = 100;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          frac += (s[i] - '0') * scale;
          scale /= 10;
          ++i;
        }
        if (i == start) return NAN;
        ms = std::floor(frac);
      }
    }
    if (h > 24 || m > 59 || sec > 59 || (h == 24 && (m > 0 || sec > 0 || ms > 0))) return NAN;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
      ++i;
      has_offset = true;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      double sign = s[i] == '-' ? -1 : 1;
      ++i;
      double oh, om;
      if (!digits(2, &oh) || i >= s.size() || s[i] != ':') return NAN;
      ++i;
      if (!digits(2, &om)) return NAN;
      has_offset = true;
      offset = sign * (oh * kMsPerHour + om * kMsPerMinute);
    }
  }
  if (i != s.size()) return NAN;
  *ok = true;
  double t = MakeDate(MakeDay(year, month - 1, day), MakeTime(h, m, sec, ms));
  if (date_only || has_offset) return t - offset;
  return Utc(t);
}

// V8's legacy fallback, for the common forms.
double ParseLegacy(std::u16string_view s) {
  double year = NAN, month = NAN, day = NAN, h = 0, m = 0, sec = 0;
  bool has_time = false, pm = false, am = false, has_offset = false;
  double offset = 0;
  std::vector<double> numbers;
  size_t i = 0;
  while (i < s.size()) {
    char16_t c = s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      std::string word;
      while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
        word += static_cast<char>(std::tolower(s[i]));
        ++i;
      }
      if (word == "am") {
        am = true;
      } else if (word == "pm") {
        pm = true;
      } else if (word == "z" || word == "gmt" || word == "utc" || word == "ut") {
        has_offset = true;
      } else if (word.size() >= 3) {
        bool found = false;
        for (int k = 0; k < 12; ++k) {
          std::string mn = kMonthNames[k];
          for (char& ch : mn) ch = static_cast<char>(std::tolower(ch));
          if (word.compare(0, 3, mn) == 0) {
            month = k;
            found = true;
          }
        }
        if (!found) {
          bool day_name = false;
          for (const char* dn : kDayNames) {
            std::string d = dn;
            for (char& ch : d) ch = static_cast<char>(std::tolower(ch));
            if (word.compare(0, 3, d) == 0) day_name = true;
          }
          if (!day_name) return NAN;
        }
      } else if (word != "t") {
        return NAN;
      }
      continue;
    }
    if ((c == '+' || c == '-') && has_offset && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9') {
      double sign = c == '-' ? -1 : 1;
      ++i;
      double v = 0;
      int n = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        v = v * 10 + (s[i] - '0');
        ++i;
        ++n;
      }
      if (i < s.size() && s[i] == ':') {
        ++i;
        double mm = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') mm = mm * 10 + (s[i++] - '0');
        offset = sign * (v * kMsPerHour + mm * kMsPerMinute);
      } else {
        offset = n <= 2 ? sign * v * kMsPerHour
                        : sign * (std::floor(v / 100) * kMsPerHour + std::fmod(v, 100) * kMsPerMinute);
      }
      continue;
    }
    if (c >= '0' && c <= '9') {
      double v = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
      if (i < s.size() && s[i] == ':') {
        has_time = true;
        h = v;
        ++i;
        m = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') m = m * 10 + (s[i++] - '0');
        if (i < s.size() && s[i] == ':') {
          ++i;
          sec = 0;
          while (i < s.size() && s[i] >= '0' && s[i] <= '9') sec = sec * 10 + (s[i++] - '0');
        }
        continue;
      }
      if (i < s.size() && (s[i] == '/' || s[i] == '-')) {
        // m/d/y
        std::vector<double> parts{v};
        while (i < s.size() && (s[i] == '/' || s[i] == '-')) {
          ++i;
          double p = 0;
          while (i < s.size() && s[i] >= '0' && s[i] <= '9') p = p * 10 + (s[i++] - '0');
          parts.push_back(p);
        }
        if (parts.size() == 3) {
          if (parts[0] > 31) {
            year = parts[0];
            month = parts[1] - 1;
            day = parts[2];
          } else {
            month = parts[0] - 1;
            day = parts[1];
            year = parts[2];
          }
        } else if (parts.size() == 2) {
          month = parts[0] - 1;
          day = parts[1];
        }
        continue;
      }
      numbers.push_back(v);
      continue;
    }
    ++i;  // separators: spaces, commas, parentheses, dots
    if (c == '(') {
      while (i < s.size() && s[i] != ')') ++i;
    }
  }
  for (double v : numbers) {
    if (std::isnan(day) && v <= 31 && !std::isnan(month)) {
      day = v;
    } else if (std::isnan(day) && v <= 31 && std::isnan(month) && numbers.size() > 1) {
      day = v;
    } else if (std::isnan(year)) {
      year = v;
    } else {
      return NAN;
    }
  }
  if (std::isnan(year) || std::isnan(month)) return NAN;
  if (std::isnan(day)) day = 1;
  if (year < 50) year += 2000;
  else if (year < 100) year += 1900;
  if (pm && h < 12) h += 12;
  if (am && h == 12) h = 0;
  (void)has_time;
  double t = MakeDate(MakeDay(year, month, day), MakeTime(h, m, sec, 0));
  if (has_offset) return t - offset;
  return Utc(t);
}

double ParseDate(std::u16string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (IsJsWhiteSpace(s[b]) || IsJsLineTerminator(s[b]))) ++b;
  while (e > b && (IsJsWhiteSpace(s[e - 1]) || IsJsLineTerminator(s[e - 1]))) --e;
  s = s.substr(b, e - b);
  bool ok;
  double t = ParseIso(s, &ok);
  if (ok) return TimeClip(t);
  return TimeClip(ParseLegacy(s));
}

// ---- built-ins

DateObject* ThisDate(Runtime& rt, Value v, const char* method) {
  if (v.IsObject()) {
    if (auto* d = dynamic_cast<DateObject*>(v.AsObject())) return d;
  }
  (void)method;
  rt.ThrowTypeError("this is not a Date object.");
}

Value DateConstructor(Runtime& rt, CallArgs& args) {
  if (!args.is_construct()) {
    double t = Now();
    double local = LocalTime(t);
    return StringValueUtf8(rt, DateString(local) + " " + TimeString(local) + TimeZoneString(t));
  }
  double tv;
  if (args.argc == 0) {
    tv = Now();
  } else if (args.argc == 1) {
    Value v = args[0];
    if (v.IsObject() && dynamic_cast<DateObject*>(v.AsObject())) {
      tv = static_cast<DateObject*>(v.AsObject())->time;
    } else {
      Rooted<Value> prim(rt, ToPrimitive(rt, v));
      if (prim.get().IsString()) tv = ParseDate(prim.get().AsString()->view());
      else tv = TimeClip(ToNumber(rt, prim));
    }
  } else {
    double nums[7] = {NAN, 0, 1, 0, 0, 0, 0};
    for (uint32_t i = 0; i < 7 && i < args.argc; ++i) nums[i] = ToNumber(rt, args[i]);
    double y = nums[0];
    if (std::isfinite(y)) {
      double yi = ToIntegerDouble(y);
      if (yi >= 0 && yi <= 99) y = 1900 + yi;
    }
    double final_date = MakeDate(MakeDay(y, nums[1], nums[2]), MakeTime(nums[3], nums[4], nums[5], nums[6]));
    tv = TimeClip(Utc(final_date));
  }
  Object* proto = GetPrototypeFromConstructor(rt, args.new_target, StateOf(rt).date_prototype.IsObject()
                                                                       ? StateOf(rt).date_prototype.AsObject()
                                                                       : rt.intrinsics().object_prototype);
  return Value::FromCell(rt.heap().New<DateObject>(proto, tv));
}

Value DateNow(Runtime&, CallArgs&) { return Value::Number(Now()); }

Value DateParse(Runtime& rt, CallArgs& args) {
  Rooted<String*> s(rt, ToString(rt, args[0]));
  return Value::Number(ParseDate(s->view()));
}

Value DateUTC(Runtime& rt, CallArgs& args) {
  double nums[7] = {NAN, 0, 1, 0, 0, 0, 0};
  for (uint32_t i = 0; i < 7 && i < args.argc; ++i) nums[i] = ToNumber(rt, args[i]);
  double y = nums[0];
  if (std::isfinite(y)) {
    double yi = ToIntegerDouble(y);
    if (yi >= 0 && yi <= 99) y = 1900 + yi;
  }
  return Value::Number(TimeClip(MakeDate(MakeDay(y, nums[1], nums[2]), MakeTime(nums[3], nums[4], nums[5], nums[6]))));
}

enum class Field { kYear, kMonth, kDate, kDay, kHours, kMinutes, kSeconds, kMs, kTime, kOffset, kYear2 };

template <Field F, bool kUtc>
Value DateGetter(Runtime& rt, CallArgs& args) {
  double t = ThisDate(rt, args.this_value, "get")->time;
  if (std::isnan(t)) return Value::Double(NAN);
  if (F == Field::kTime) return Value::Number(t);
  if (F == Field::kOffset) return Value::Number((t - LocalTime(t)) / kMsPerMinute);
  double lt = kUtc ? t : LocalTime(t);
  switch (F) {
    case Field::kYear: return Value::Number(YearFromTime(lt));
    case Field::kYear2: return Value::Number(YearFromTime(lt) - 1900);
    case Field::kMonth: return Value::Int(MonthFromTime(lt, nullptr));
    case Field::kDate: {
      int d;
      MonthFromTime(lt, &d);
      return Value::Int(d);
    }
    case Field::kDay: return Value::Int(WeekDay(lt));
    case Field::kHours: return Value::Number(HourFromTime(lt));
    case Field::kMinutes: return Value::Number(MinFromTime(lt));
    case Field::kSeconds: return Value::Number(SecFromTime(lt));
    case Field::kMs: return Value::Number(MsFromTime(lt));
    default: return Value::Double(NAN);
  }
}

// Setters: which field the first argument sets; later arguments set the
// following fields (setHours(h, m, s, ms), setFullYear(y, m, d) ...).
template <Field F, bool kUtc>
Value DateSetter(Runtime& rt, CallArgs& args) {
  Rooted<Object*> self(rt, ThisDate(rt, args.this_value, "set"));
  double t = static_cast<DateObject*>(self.get())->time;
  if (F == Field::kTime) {
    double v = TimeClip(ToNumber(rt, args[0]));
    static_cast<DateObject*>(self.get())->time = v;
    return Value::Number(v);
  }
  int max_args = F == Field::kYear ? 3 : F == Field::kMonth ? 2 : F == Field::kDate ? 1
               : F == Field::kHours ? 4 : F == Field::kMinutes ? 3 : F == Field::kSeconds ? 2 : 1;
  double a[4] = {NAN, NAN, NAN, NAN};
  bool present[4] = {false, false, false, false};
  for (int i = 0; i < max_args; ++i) {
    if (i == 0 || static_cast<uint32_t>(i) < args.argc) {
      a[i] = ToNumber(rt, args[i]);
      present[i] = true;
    }
  }
  if (F == Field::kYear2) {
    double y = a[0];
    t = std::isnan(t) ? 0 : LocalTime(t);
    if (std::isnan(y)) {
      static_cast<DateObject*>(self.get())->time = NAN;
      return Value::Double(NAN);
    }
    double yi = ToIntegerDouble(y);
    if (yi >= 0 && yi <= 99) yi += 1900;
    int date;
    int month = MonthFromTime(t, &date);
    double d = MakeDate(MakeDay(yi, month, date), TimeWithinDay(t));
    double v = TimeClip(Utc(d));
    static_cast<DateObject*>(self.get())->time = v;
    return Value::Number(v);
  }
  if (std::isnan(t)) {
    if (F != Field::kYear) return Value::Double(NAN);
    t = 0;
  } else if (!kUtc) {
    t = LocalTime(t);
  }
  double year = YearFromTime(t);
  int date_i;
  double month = MonthFromTime(t, &date_i);
  double date = date_i;
  double h = HourFromTime(t), m = MinFromTime(t), s = SecFromTime(t), ms = MsFromTime(t);
  switch (F) {
    case Field::kYear:
      year = a[0];
      if (present[1]) month = a[1];
      if (present[2]) date = a[2];
      break;
    case Field::kMonth:
      month = a[0];
      if (present[1]) date = a[1];
      break;
    case Field::kDate: date = a[0]; break;
    case Field::kHours:
      h = a[0];
      if (present[1]) m = a[1];
      if (present[2]) s = a[2];
      if (present[3]) ms = a[3];
      break;
    case Field::kMinutes:
      m = a[0];
      if (present[1]) s = a[1];
      if (present[2]) ms = a[2];
      break;
    case Field::kSeconds:
      s = a[0];
      if (present[1]) ms = a[1];
      break;
    case Field::kMs: ms = a[0]; break;
    default: break;
  }
  double nd = MakeDate(MakeDay(year, month, date), MakeTime(h, m, s, ms));
  double v = TimeClip(kUtc ? nd : Utc(nd));
  static_cast<DateObject*>(self.get())->time = v;
  return Value::Number(v);
}

enum class Form { kString, kDate, kTime, kIso, kUtc, kLocale, kLocaleDate, kLocaleTime };

// The receiver of a string form, else V8's TypeError naming the method.
DateObject* ThisDateForForm(Runtime& rt, Value v, Form form) {
  static constexpr const char* kNames[] = {"toString",    "toDateString",   "toTimeString",       "toISOString",
                                           "toUTCString", "toLocaleString", "toLocaleDateString", "toLocaleTimeString"};
  if (v.IsObject()) {
    if (auto* d = dynamic_cast<DateObject*>(v.AsObject())) return d;
  }
  rt.ThrowTypeError(std::string("Method Date.prototype.") + kNames[static_cast<int>(form)] +
                    " called on incompatible receiver " + DescribeForError(rt, v));
}

template <Form F>
Value DateToStringForm(Runtime& rt, CallArgs& args) {
  double t = ThisDateForForm(rt, args.this_value, F)->time;
  if (std::isnan(t)) {
    if (F == Form::kIso) rt.ThrowRangeError("Invalid time value");
    return StringValueUtf8(rt, "Invalid Date");
  }
  double lt = LocalTime(t);
  switch (F) {
    case Form::kString: return StringValueUtf8(rt, DateString(lt) + " " + TimeString(lt) + TimeZoneString(t));
    case Form::kDate: return StringValueUtf8(rt, DateString(lt));
    case Form::kTime: return StringValueUtf8(rt, TimeString(lt) + TimeZoneString(t));
    case Form::kIso: return StringValueUtf8(rt, IsoString(t));
    case Form::kUtc: {
      int date;
      int month = MonthFromTime(t, &date);
      return StringValueUtf8(rt, std::string(kDayNames[WeekDay(t)]) + ", " + Pad(date, 2) + " " +
                                     kMonthNames[month] + " " + YearString(YearFromTime(t)) + " " + TimeString(t) +
                                     " GMT");
    }
    case Form::kLocale:
      return StringValueUtf8(rt, FormatDateEnUs(lt, DateParts::kDateTime));
    case Form::kLocaleDate:
      return StringValueUtf8(rt, FormatDateEnUs(lt, DateParts::kDate));
    case Form::kLocaleTime:
      return StringValueUtf8(rt, FormatDateEnUs(lt, DateParts::kTime));
  }
  return Value::Undefined();
}

Value DateValueOf(Runtime& rt, CallArgs& args) {
  return Value::Number(ThisDate(rt, args.this_value, "valueOf")->time);
}

Value DateToJSON(Runtime& rt, CallArgs& args) {
  Rooted<Object*> o(rt, ToObject(rt, args.this_value));
  Value tv = ToPrimitive(rt, Value::FromCell(o.get()), ToPrimitiveHint::kNumber);
  if (tv.IsNumber() && !std::isfinite(tv.AsNumber())) return Value::Null();
  Value to_iso = GetProperty(rt, o, rt.KeyForUtf8("toISOString"));
  if (!IsCallable(to_iso)) rt.ThrowTypeError("toISOString is not a function");
  return Call(rt, to_iso, Value::FromCell(o.get()), nullptr, 0);
}

// OrdinaryToPrimitive(O, hint).
Value OrdinaryToPrimitive(Runtime& rt, Object* obj, bool string_first) {
  Rooted<Object*> o(rt, obj);
  PropertyKey first = PropertyKey::Named(string_first ? rt.names().toString : rt.names().valueOf);
  PropertyKey second = PropertyKey::Named(string_first ? rt.names().valueOf : rt.names().toString);
  for (const PropertyKey& k : {first, second}) {
    Value m = GetProperty(rt, o, k);
    if (IsCallable(m)) {
      Value r = Call(rt, m, Value::FromCell(o.get()), nullptr, 0);
      if (!r.IsObject()) return r;
    }
  }
  rt.ThrowTypeError("Cannot convert object to primitive value");
}

Value DateToPrimitive(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) {
    rt.ThrowTypeError("Method Date.prototype [ @@toPrimitive ] called on incompatible receiver " +
                      DescribeForError(rt, args.this_value));
  }
  Value hint = args[0];
  std::u16string h = hint.IsString() ? std::u16string(hint.AsString()->view()) : u"";
  bool string_first;
  if (h == u"string" || h == u"default") string_first = true;
  else if (h == u"number") string_first = false;
  else rt.ThrowTypeError("Invalid hint: " + (hint.IsString() ? hint.AsString()->ToUtf8() : DescribeForError(rt, hint)));
  return OrdinaryToPrimitive(rt, args.this_value.AsObject(), string_first);
}

}  // namespace

bool IsDateObject(Object* obj) { return dynamic_cast<DateObject*>(obj) != nullptr; }

double DateObjectValue(Object* obj) { return static_cast<DateObject*>(obj)->time; }

std::string DateToIsoOrInvalid(double t) { return std::isnan(t) ? "Invalid Date" : IsoString(t); }

void InstallDateBuiltins(Runtime& rt) {
  Rooted<Object*> proto(rt, rt.NewObject());
  StateOf(rt).date_prototype = Value::FromCell(proto.get());
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "Date", DateConstructor, 7, proto));
  DefineMethod(rt, ctor, "now", DateNow, 0);
  DefineMethod(rt, ctor, "parse", DateParse, 1);
  DefineMethod(rt, ctor, "UTC", DateUTC, 7);

  struct M {
    const char* name;
    NativeFn fn;
    uint16_t length;
  };
  const M methods[] = {
      {"toString", DateToStringForm<Form::kString>, 0},
      {"toDateString", DateToStringForm<Form::kDate>, 0},
      {"toTimeString", DateToStringForm<Form::kTime>, 0},
      {"toISOString", DateToStringForm<Form::kIso>, 0},
      {"toUTCString", DateToStringForm<Form::kUtc>, 0},
      {"toLocaleString", DateToStringForm<Form::kLocale>, 0},
      {"toLocaleDateString", DateToStringForm<Form::kLocaleDate>, 0},
      {"toLocaleTimeString", DateToStringForm<Form::kLocaleTime>, 0},
      {"valueOf", DateValueOf, 0},
      {"getTime", DateGetter<Field::kTime, false>, 0},
      {"getFullYear", DateGetter<Field::kYear, false>, 0},
      {"getUTCFullYear", DateGetter<Field::kYear, true>, 0},
      {"getMonth", DateGetter<Field::kMonth, false>, 0},
      {"getUTCMonth", DateGetter<Field::kMonth, true>, 0},
      {"getDate", DateGetter<Field::kDate, false>, 0},
      {"getUTCDate", DateGetter<Field::kDate, true>, 0},
      {"getDay", DateGetter<Field::kDay, false>, 0},
      {"getUTCDay", DateGetter<Field::kDay, true>, 0},
      {"getHours", DateGetter<Field::kHours, false>, 0},
      {"getUTCHours", DateGetter<Field::kHours, true>, 0},
      {"getMinutes", DateGetter<Field::kMinutes, false>, 0},
      {"getUTCMinutes", DateGetter<Field::kMinutes, true>, 0},
      {"getSeconds", DateGetter<Field::kSeconds, false>, 0},
      {"getUTCSeconds", DateGetter<Field::kSeconds, true>, 0},
      {"getMilliseconds", DateGetter<Field::kMs, false>, 0},
      {"getUTCMilliseconds", DateGetter<Field::kMs, true>, 0},
      {"getTimezoneOffset", DateGetter<Field::kOffset, false>, 0},
      {"getYear", DateGetter<Field::kYear2, false>, 0},
      {"setTime", DateSetter<Field::kTime, false>, 1},
      {"setFullYear", DateSetter<Field::kYear, false>, 3},
      {"setUTCFullYear", DateSetter<Field::kYear, true>, 3},
      {"setMonth", DateSetter<Field::kMonth, false>, 2},
      {"setUTCMonth", DateSetter<Field::kMonth, true>, 2},
      {"setDate", DateSetter<Field::kDate, false>, 1},
      {"setUTCDate", DateSetter<Field::kDate, true>, 1},
      {"setHours", DateSetter<Field::kHours, false>, 4},
      {"setUTCHours", DateSetter<Field::kHours, true>, 4},
      {"setMinutes", DateSetter<Field::kMinutes, false>, 3},
      {"setUTCMinutes", DateSetter<Field::kMinutes, true>, 3},
      {"setSeconds", DateSetter<Field::kSeconds, false>, 2},
      {"setUTCSeconds", DateSetter<Field::kSeconds, true>, 2},
      {"setMilliseconds", DateSetter<Field::kMs, false>, 1},
      {"setUTCMilliseconds", DateSetter<Field::kMs, true>, 1},
      {"setYear", DateSetter<Field::kYear2, false>, 1},
      {"toJSON", DateToJSON, 1},
  };
  for (const M& m : methods) DefineMethod(rt, proto, m.name, m.fn, m.length);
  Rooted<Value> to_utc(rt, GetProperty(rt, proto, rt.KeyForUtf8("toUTCString")));
  DefineValue(rt, proto, "toGMTString", to_utc);
  DefineMethod(rt, proto, rt.symbols().to_primitive, "[Symbol.toPrimitive]", DateToPrimitive, 1,
               kAttrConfigurable);
}

}  // namespace jsvm
