namespace CityActors.Grains.Concept.Parsing;

/// <summary>A department of the city council: stable id, canonical name and the other spellings the reports use.</summary>
/// <param name="Aliases">Other names of the same body; compared after <see cref="DepartmentNames"/> normalises case, quotes, apostrophes and the "міської ради" suffix.</param>
public sealed record CanonicalDepartment(string Id, string Name, IReadOnlyList<string> Aliases);

/// <summary>The canonical list of the bodies that the Concept report names as responsible.</summary>
static class DepartmentCatalog
{
    // Aliases are the spellings seen in the 2025 report; the judgement calls are commented.
    public static IReadOnlyList<CanonicalDepartment> Zhytomyr { get; } =
    [
        new("executive-bodies", "Виконавчі органи міської ради", []),
        new("economy", "Департамент економічного розвитку міської ради", []),
        new("urban-planning", "Департамент містобудування та земельних відносин міської ради",
        [
            // The same department under an older name, a slip ("ресурсів") and the wrong rank ("Управління").
            "Департамент містобудування та архітектури",
            "Департамент містобудування та земельних ресурсів",
            "Управління містобудування та земельних відносин",
        ]),
        new("education", "Департамент освіти міської ради", []),
        new("social-policy", "Департамент соціальної політики міської ради", []),
        new("social-services-centre", "Житомирський міський центр соціальних служб міської ради", []),
        new("improvement-inspection", "КП \"Інспекція з благоустрою м. Житомира\" міської ради", []),
        new("animal-protection-centre", "КП \"Центр захисту тварин\" міської ради", []),
        new("city-development-agency", "КУ \"Агенція розвитку міста\" міської ради", []),
        new("housing", "Управління житлового господарства міської ради", []),
        new("civil-protection", "Управління з питань надзвичайних ситуацій та цивільного захисту населення міської ради", []),
        new("capital-construction", "Управління капітального будівництва міської ради", []),
        new("utilities", "Управління комунального господарства міської ради", []),
        new("culture", "Управління культури міської ради", []),
        new("municipal-development", "Управління муніципального розвитку міської ради", []),
        new("health", "Управління охорони здоров'я міської ради", []),
        new("public-relations", "Управління по зв'язках з громадськістю міської ради", []),
        new("it", "Управління розвитку інформаційних технологій міської ради", []),
        new("family-youth-sports", "Управління у справах сім'ї, молоді та спорту міської ради",
        [
            "Управління сім'ї, молоді та спорту",
            // The body's former name; the report still uses it twice.
            "Управління у справах сім'ї, дітей та молоді",
        ]),
        new("transport", "Управління транспорту та зв'язку міської ради", ["Управління транспорту"]),
        new("children-service", "Служба (управління) у справах дітей міської ради", []),
        new("administrative-services-centre", "Центр надання адміністративних послуг міської ради", []),
    ];

    /// <summary>English names by id, for departments the import registers (the dashboard speaks English too).</summary>
    public static IReadOnlyDictionary<string, string> EnglishNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["executive-bodies"] = "Executive bodies of the City Council",
        ["economy"] = "Department of Economic Development",
        ["urban-planning"] = "Department of Urban Planning and Land Relations",
        ["education"] = "Department of Education",
        ["social-policy"] = "Department of Social Policy",
        ["social-services-centre"] = "Zhytomyr City Centre of Social Services",
        ["improvement-inspection"] = "Municipal enterprise \"Zhytomyr Improvement Inspection\"",
        ["animal-protection-centre"] = "Municipal enterprise \"Animal Protection Centre\"",
        ["city-development-agency"] = "Municipal institution \"City Development Agency\"",
        ["housing"] = "Housing Office",
        ["civil-protection"] = "Emergencies and Civil Protection Office",
        ["capital-construction"] = "Capital Construction Office",
        ["utilities"] = "Municipal Services Office",
        ["culture"] = "Culture Office",
        ["municipal-development"] = "Municipal Development Office",
        ["health"] = "Health Care Office",
        ["public-relations"] = "Public Relations Office",
        ["it"] = "Information Technology Office",
        ["family-youth-sports"] = "Family, Youth and Sports Office",
        ["transport"] = "Transport and Communications Office",
        ["children-service"] = "Children's Service",
        ["administrative-services-centre"] = "Administrative Services Centre",
    };
}
