using CityActors.Grains.Departments;

namespace CityActors.Grains.Demo;

/// <summary>The real names the demo city is made of: Zhytomyr's districts and streets, departments and named facilities.</summary>
/// <remarks>Counts and names come from the city's 2023 programme report (seed 001) and the Concept's 2025 table (seed 000).</remarks>
public static class ZhytomyrData
{
    public const string Bohunskyi = "Богунський";
    public const string Koroliovskyi = "Корольовський";

    /// <summary>Zhytomyr's bounding box, roughly: 50.21–50.30 N, 28.60–28.74 E; Bohunskyi is the western part.</summary>
    public static (double South, double North, double West, double East) Bounds(string district) => district == Bohunskyi
        ? (50.215, 50.275, 28.600, 28.668)
        : (50.235, 50.300, 28.655, 28.740);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Streets { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Koroliovskyi] =
        [
            "вул. Київська", "вул. Велика Бердичівська", "вул. Михайлівська", "вул. Перемоги", "вул. Пушкінська", "вул. Вітрука",
            "вул. Хлібна", "вул. Небесної Сотні", "вул. Театральна", "вул. Святослава Ріхтера", "бульвар Новий", "бульвар Старий",
            "вул. Кафедральна", "вул. Героїв Чорнобиля", "майдан Корольова", "вул. Гоголівська", "вул. Мала Бердичівська",
            "вул. Добровольчих батальйонів", "вул. Шевченка", "вул. Короленка",
        ],
        [Bohunskyi] =
        [
            "вул. Чуднівська", "вул. Вільський Шлях", "вул. Львівська", "вул. Івана Мазепи", "вул. Вокзальна", "вул. Бердичівська",
            "вул. Бориса Лятошинського", "площа Польова", "вул. Покровська", "вул. Офіцерська", "вул. Івана Кочерги",
            "вул. Героїв Пожежних", "вул. Вацківська", "вул. Богунська", "вул. Станишівська",
        ],
    };

    /// <summary>Departments of the city council named in the Concept's yearly table, by id.</summary>
    public static IReadOnlyList<(string Key, DepartmentRegistration Registration)> Departments { get; } =
    [
        ("economy", new("Департамент економічного розвитку міської ради", "Department of Economic Development")),
        ("education", new("Департамент освіти міської ради", "Department of Education")),
        ("social-policy", new("Департамент соціальної політики міської ради", "Department of Social Policy")),
        ("urban-planning", new("Департамент містобудування та земельних відносин міської ради", "Department of Urban Planning and Land Relations")),
        ("health", new("Управління охорони здоров'я міської ради", "Health Care Office")),
        ("transport", new("Управління транспорту та зв'язку міської ради", "Transport and Communications Office")),
        ("it", new("Управління розвитку інформаційних технологій міської ради", "Information Technology Office")),
        ("utilities", new("Управління комунального господарства міської ради", "Municipal Services Office")),
        ("housing", new("Управління житлового господарства міської ради", "Housing Office")),
        ("civil-protection", new("Управління з питань надзвичайних ситуацій та цивільного захисту населення міської ради", "Emergencies and Civil Protection Office")),
        ("culture", new("Управління культури міської ради", "Culture Office")),
        ("capital-construction", new("Управління капітального будівництва міської ради", "Capital Construction Office")),
        ("family-youth-sports", new("Управління у справах сім'ї, молоді та спорту міської ради", "Family, Youth and Sports Office")),
        ("public-relations", new("Управління по зв'язках з громадськістю міської ради", "Public Relations Office")),
    ];

    public static IReadOnlyList<string> OutOfSchoolCentres { get; } =
    [
        "Житомирський Центр творчості дітей і молоді",
        "Житомирський міський центр науково-технічної творчості учнівської молоді",
        "Житомирська міська школа хореографічного мистецтва «Сонечко»",
        "Школа юних десантників",
        "Дитячо-юнацька спортивна школа Житомирської міської ради",
    ];

    public static IReadOnlyList<string> Hospitals { get; } =
    [
        "КП «Лікарня № 1» Житомирської міської ради",
        "КП «Лікарня № 2 ім. В. П. Павлусенка» Житомирської міської ради",
        "Дитяча лікарня імені В. Й. Башека (КП «Лікарня № 2 ім. В. П. Павлусенка»)",
    ];

    /// <summary>The six modular shelters with remotely opened doors, at their real addresses.</summary>
    public static IReadOnlyList<(string Address, string District)> ModularShelters { get; } =
    [
        ("бульвар Новий, 4", Koroliovskyi),
        ("площа Польова, 10", Bohunskyi),
        ("вул. Бориса Лятошинського, 13", Bohunskyi),
        ("вул. Покровська, 131", Bohunskyi),
        ("бульвар Старий, 14-а", Koroliovskyi),
        ("вул. Чуднівська, 167 (гідропарк)", Bohunskyi),
    ];

    /// <summary>Where the 653 connected cameras stand (seed 001): streets, schools, health care, sports, stops, Veresy; the rest elsewhere.</summary>
    public static IReadOnlyList<(string Placement, int Count)> CameraPlacements { get; } =
    [
        ("вулиця, перехрестя", 263), ("заклад освіти", 206), ("заклад охорони здоров'я", 26), ("спортивний об'єкт", 22),
        ("зупинка громадського транспорту", 22), ("с. Вереси", 15), ("сквер, гідропарк, кладовище, укриття", 99),
    ];
}
