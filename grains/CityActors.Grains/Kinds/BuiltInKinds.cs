using CityActors.Grains.Alarms;

namespace CityActors.Grains.Kinds;

/// <summary>The kinds of facility the city's documents name (the 2023 programme report, the Concept), as data.</summary>
/// <remarks>
/// The registry copies these into its state at first activation; from then on the stored definitions rule, and
/// operators change or add kinds through <see cref="IKindRegistryGrain.PutKindAsync"/>. A kind added here later is
/// added to existing registries at their next activation; a changed one is not, to keep operators' edits.
/// </remarks>
public static class BuiltInKinds
{
    static readonly TimeSpan s_remind = TimeSpan.FromMinutes(15);

    static StatusDefinition S(string code, string name, string nameEn, bool available = true) => new(code, name, nameEn, available);

    static ReadingDefinition Flag(string name) => new(name, "0/1", 0, 1, ReadingType.Flag);

    static AlarmRule Rule(string type, string message, AlarmSeverity severity, string[]? statuses = null, string? reading = null, double? below = null, double? above = null)
        => new(type, message, severity, statuses, reading, below, above);

    static FacilityKind Education(string id, string name, string nameEn, int maxPeople) => new(
        id, name, nameEn,
        [S("open", "Працює", "Open"), S("remote", "Дистанційне навчання", "Remote learning"), S("closed", "Зачинено", "Closed"),
         S("emergency", "Аварійна ситуація", "Emergency", available: false)],
        [new("temperature", "°C", -30, 50), new("occupancy", "осіб", 0, maxPeople, ReadingType.Whole), Flag("power")],
        TimeSpan.FromMinutes(30), AlarmSeverity.Warning,
        [Rule("emergency", "Аварійна ситуація в закладі", AlarmSeverity.Critical, statuses: ["emergency"]),
         Rule("cold", "Температура в приміщенні нижче 16 °C", AlarmSeverity.Warning, statuses: ["open"], reading: "temperature", below: 16),
         Rule("no-power", "Немає електропостачання", AlarmSeverity.Warning, reading: "power", below: 0.5)],
        s_remind);

    static FacilityKind Shelter(string id, string name, string nameEn, int maxPeople) => new(
        id, name, nameEn,
        [S("closed", "Зачинено (готове)", "Closed (ready)"), S("open", "Відчинено", "Open"), S("unusable", "Непридатне", "Unusable", available: false)],
        [new("occupancy", "осіб", 0, maxPeople, ReadingType.Whole), Flag("door-open"), Flag("power")],
        TimeSpan.FromMinutes(15), AlarmSeverity.Warning,
        [Rule("door-locked", "Укриття відкрите, але двері зачинені", AlarmSeverity.Critical, statuses: ["open"], reading: "door-open", below: 0.5),
         Rule("unusable", "Укриття непридатне до використання", AlarmSeverity.Warning, statuses: ["unusable"]),
         Rule("no-power", "Немає електропостачання в укритті", AlarmSeverity.Warning, reading: "power", below: 0.5)],
        s_remind);

    public static IReadOnlyList<FacilityKind> All { get; } =
    [
        Education("school", "Заклад загальної середньої освіти", "School", 3000),
        Education("kindergarten", "Заклад дошкільної освіти", "Kindergarten", 600),
        Education("out-of-school", "Заклад позашкільної освіти", "Out-of-school centre", 1500),
        new("clinic", "Амбулаторія, поліклініка", "Clinic / ambulatory",
            [S("open", "Працює", "Open"), S("reduced", "Обмежений прийом", "Reduced service"), S("closed", "Зачинено", "Closed"),
             S("emergency", "Аварійна ситуація", "Emergency", available: false)],
            [Flag("power"), Flag("generator"), new("temperature", "°C", -30, 50)],
            TimeSpan.FromMinutes(30), AlarmSeverity.Warning,
            [Rule("emergency", "Аварійна ситуація в закладі", AlarmSeverity.Critical, statuses: ["emergency"]),
             Rule("no-power", "Немає електропостачання", AlarmSeverity.Warning, reading: "power", below: 0.5)],
            s_remind),
        new("hospital", "Лікарня", "Hospital",
            [S("normal", "Працює", "Normal"), S("generator", "Живлення від генератора", "On generator"), S("reduced", "Обмежена робота", "Reduced service"),
             S("emergency", "Аварійна ситуація", "Emergency", available: false)],
            [Flag("power"), new("generator-fuel", "%", 0, 100), new("oxygen", "%", 0, 100), new("beds-free", "ліжок", 0, 2000, ReadingType.Whole)],
            TimeSpan.FromMinutes(10), AlarmSeverity.Critical,
            [Rule("emergency", "Аварійна ситуація в лікарні", AlarmSeverity.Critical, statuses: ["emergency"]),
             Rule("low-oxygen", "Запас кисню нижче 20 %", AlarmSeverity.Critical, reading: "oxygen", below: 20),
             Rule("low-fuel", "Пального генератора менше 15 %", AlarmSeverity.Critical, statuses: ["generator"], reading: "generator-fuel", below: 15),
             Rule("on-generator", "Лікарня працює від генератора", AlarmSeverity.Info, statuses: ["generator"])],
            s_remind),
        Shelter("shelter", "Найпростіше укриття", "Simple shelter", 1000),
        Shelter("modular-shelter", "Модульне укриття", "Modular shelter", 50),
        new("traffic-signal", "Світлофорний об'єкт", "Traffic-signal site",
            [S("normal", "Штатний режим", "Normal"), S("flashing", "Жовтий миготливий", "Flashing", available: false), S("dark", "Не працює", "Dark", available: false)],
            [Flag("mains-power"), Flag("backup-power")],
            TimeSpan.FromMinutes(5), AlarmSeverity.Warning,
            [Rule("dark", "Світлофор не працює", AlarmSeverity.Critical, statuses: ["dark"]),
             Rule("flashing", "Світлофор у режимі жовтого миготливого", AlarmSeverity.Warning, statuses: ["flashing"]),
             Rule("on-backup", "Світлофор працює від резервного живлення", AlarmSeverity.Info, reading: "backup-power", above: 0.5)],
            s_remind),
        new("cctv-camera", "Камера відеоспостереження", "CCTV camera",
            [S("recording", "Веде запис", "Recording"), S("online", "На зв'язку, без запису", "Online, not recording", available: false),
             S("fault", "Несправна", "Fault", available: false)],
            [new("bitrate", "кбіт/с", 0, 50_000)],
            TimeSpan.FromMinutes(5), AlarmSeverity.Warning,
            [Rule("not-recording", "Камера не веде запис", AlarmSeverity.Warning, statuses: ["online"]),
             Rule("fault", "Камера несправна", AlarmSeverity.Warning, statuses: ["fault"])],
            s_remind),
        new("boiler-house", "Котельня", "Boiler house",
            [S("operating", "Працює", "Operating"), S("generator", "Працює від генератора", "On generator"), S("standby", "Резерв", "Standby"),
             S("stopped", "Зупинена", "Stopped", available: false), S("fault", "Аварія", "Fault", available: false)],
            [new("supply-temperature", "°C", 0, 150), new("return-temperature", "°C", 0, 130), new("pressure", "бар", 0, 16),
             Flag("mains-power"), new("generator-fuel", "%", 0, 100)],
            TimeSpan.FromMinutes(10), AlarmSeverity.Critical,
            [Rule("fault", "Аварія котельні", AlarmSeverity.Critical, statuses: ["fault"]),
             Rule("overheat", "Температура подачі понад 115 °C", AlarmSeverity.Critical, reading: "supply-temperature", above: 115),
             Rule("low-pressure", "Тиск у мережі нижче 1,5 бар", AlarmSeverity.Warning, statuses: ["operating", "generator"], reading: "pressure", below: 1.5),
             Rule("low-fuel", "Пального генератора менше 15 %", AlarmSeverity.Critical, statuses: ["generator"], reading: "generator-fuel", below: 15),
             Rule("on-generator", "Котельня працює від генератора", AlarmSeverity.Info, statuses: ["generator"])],
            s_remind),
        new("sewage-pumping-station", "Каналізаційна насосна станція", "Sewage pumping station",
            [S("operating", "Працює", "Operating"), S("generator", "Працює від генератора", "On generator"), S("standby", "Резерв", "Standby"),
             S("fault", "Аварія", "Fault", available: false), S("overflow", "Переповнення", "Overflow", available: false)],
            [new("well-level", "%", 0, 100), new("pumps-running", "насосів", 0, 8, ReadingType.Whole), Flag("mains-power")],
            TimeSpan.FromMinutes(10), AlarmSeverity.Critical,
            [Rule("fault", "Аварія насосної станції", AlarmSeverity.Critical, statuses: ["fault"]),
             Rule("overflow", "Переповнення приймального резервуара", AlarmSeverity.Critical, statuses: ["overflow"]),
             Rule("high-level", "Рівень у резервуарі понад 85 %", AlarmSeverity.Critical, reading: "well-level", above: 85),
             Rule("on-generator", "Станція працює від генератора", AlarmSeverity.Info, statuses: ["generator"])],
            s_remind),
        new("siren", "Електросирена", "Electric siren",
            [S("ready", "Готова", "Ready"), S("sounding", "Звучить", "Sounding"), S("fault", "Несправна", "Fault", available: false)],
            [Flag("mains-power"), new("battery", "%", 0, 100)],
            TimeSpan.FromMinutes(15), AlarmSeverity.Critical,
            [Rule("fault", "Електросирена несправна", AlarmSeverity.Critical, statuses: ["fault"]),
             Rule("low-battery", "Заряд акумулятора нижче 20 %", AlarmSeverity.Warning, reading: "battery", below: 20)],
            s_remind),
        new("invincibility-point", "Пункт незламності", "Invincibility point",
            [S("active", "Працює", "Active"), S("standby", "Готовий до розгортання", "Standby"), S("closed", "Не працює", "Closed", available: false)],
            [Flag("power"), Flag("heating"), Flag("water"), Flag("connectivity"), new("visitors", "осіб", 0, 2000, ReadingType.Whole)],
            TimeSpan.FromMinutes(15), AlarmSeverity.Warning,
            [Rule("no-power", "Пункт працює без живлення", AlarmSeverity.Critical, statuses: ["active"], reading: "power", below: 0.5),
             Rule("no-heating", "Пункт працює без опалення", AlarmSeverity.Warning, statuses: ["active"], reading: "heating", below: 0.5),
             Rule("no-water", "Пункт працює без води", AlarmSeverity.Warning, statuses: ["active"], reading: "water", below: 0.5),
             Rule("no-connectivity", "Пункт працює без зв'язку", AlarmSeverity.Warning, statuses: ["active"], reading: "connectivity", below: 0.5)],
            s_remind),
    ];
}
