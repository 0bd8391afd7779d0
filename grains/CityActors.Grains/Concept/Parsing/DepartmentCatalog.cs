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
        new("economic-development", "Департамент економічного розвитку міської ради", []),
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
        new("communal-services", "Управління комунального господарства міської ради", []),
        new("culture", "Управління культури міської ради", []),
        new("municipal-development", "Управління муніципального розвитку міської ради", []),
        new("health", "Управління охорони здоров'я міської ради", []),
        new("public-relations", "Управління по зв'язках з громадськістю міської ради", []),
        new("it-development", "Управління розвитку інформаційних технологій міської ради", []),
        new("family-youth-sport", "Управління у справах сім'ї, молоді та спорту міської ради",
        [
            "Управління сім'ї, молоді та спорту",
            // The body's former name; the report still uses it twice.
            "Управління у справах сім'ї, дітей та молоді",
        ]),
        new("transport", "Управління транспорту та зв'язку міської ради", ["Управління транспорту"]),
        new("children-service", "Служба (управління) у справах дітей міської ради", []),
        new("administrative-services-centre", "Центр надання адміністративних послуг міської ради", []),
    ];
}
