using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Tests.Concept.Parsing;

public sealed class DepartmentNamesTests
{
    public static TheoryData<string, string, string> Spellings => new()
    {
        // raw spelling from the 2025 report, canonical id, canonical name
        { "Департамент економічного розвитку міської ради", "economy", "Департамент економічного розвитку міської ради" },
        { "департамент економічного розвитку міської ради", "economy", "Департамент економічного розвитку міської ради" },
        { "Управління комунального господарства міської ради", "utilities", "Управління комунального господарства міської ради" },
        { "управління комунального господарства", "utilities", "Управління комунального господарства міської ради" },
        { "управління комунального господарства.", "utilities", "Управління комунального господарства міської ради" },
        { "Управління житлового господарства", "housing", "Управління житлового господарства міської ради" },
        { "управління культури", "culture", "Управління культури міської ради" },
        { "Управління по зв'язках з громадськістю", "public-relations", "Управління по зв'язках з громадськістю міської ради" },
        { "Управління по зв’язках з громадськістю міської ради", "public-relations", "Управління по зв'язках з громадськістю міської ради" },
        { "управління сім'ї, молоді та спорту міської ради", "family-youth-sports", "Управління у справах сім'ї, молоді та спорту міської ради" },
        { "управління у справах сім'ї, молоді та спорту міської ради", "family-youth-sports", "Управління у справах сім'ї, молоді та спорту міської ради" },
        { "Управління у справах сім'ї, дітей та молоді міської ради", "family-youth-sports", "Управління у справах сім'ї, молоді та спорту міської ради" },
        { "управління транспорту міської ради", "transport", "Управління транспорту та зв'язку міської ради" },
        { "Департамент містобудування та архітектури міської ради", "urban-planning", "Департамент містобудування та земельних відносин міської ради" },
        { "Департамент містобудування та земельних ресурсів міської ради", "urban-planning", "Департамент містобудування та земельних відносин міської ради" },
        { "Управління містобудування та земельних відносин міської ради", "urban-planning", "Департамент містобудування та земельних відносин міської ради" },
        { "КП \"Інспекція з благоустрою м.Житомира\"", "improvement-inspection", "КП \"Інспекція з благоустрою м. Житомира\" міської ради" },
        { "КП «Інспекція з благоустрою м. Житомира» міської ради", "improvement-inspection", "КП \"Інспекція з благоустрою м. Житомира\" міської ради" },
        { "Центр надання адміністративних послуг", "administrative-services-centre", "Центр надання адміністративних послуг міської ради" },
        { "виконавчі органи міської ради", "executive-bodies", "Виконавчі органи міської ради" },
        { "служба (управління) у справах дітей міської ради", "children-service", "Служба (управління) у справах дітей міської ради" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Resolve_KnownSpelling_GivesCanonicalIdAndNameAndKeepsTheSpelling(string raw, string id, string name)
    {
        var names = DepartmentNames.Default;

        var department = names.Resolve(raw);

        Assert.Equal(id, department.Id);
        Assert.Equal(name, department.Name);
        Assert.Equal(raw, department.RawSpelling);
        Assert.True(names.IsKnown(raw));
    }

    [Fact]
    public void Split_CellWithCommasInsideANameAndBetweenNames_SplitsOnlyBetweenBodies()
    {
        const string cell = "Департамент освіти міської ради, управління у справах сім'ї, молоді та спорту міської ради, управління культури міської ради";

        var parts = DepartmentNames.Split(cell);

        Assert.Equal(
            ["Департамент освіти міської ради", "управління у справах сім'ї, молоді та спорту міської ради", "управління культури міської ради"],
            parts);
    }

    [Fact]
    public void Split_QuotedEnterpriseAndServices_AreSeparateBodies()
    {
        const string cell = "КП \"Інспекція з благоустрою м.Житомира\", управління житлового господарства міської ради, Житомирський міський центр соціальних служб міської ради";

        var parts = DepartmentNames.Split(cell);

        Assert.Equal(3, parts.Count);
        Assert.Equal("Житомирський міський центр соціальних служб міської ради", parts[2]);
    }

    [Fact]
    public void Resolve_UnknownBody_KeepsItsNameWithATransliteratedId()
    {
        var names = DepartmentNames.Default;

        var department = names.Resolve("управління стратегічного планування міської ради");

        Assert.False(names.IsKnown("управління стратегічного планування міської ради"));
        Assert.Equal("upravlinnia-stratehichnoho-planuvannia", department.Id);
        Assert.Equal("Управління стратегічного планування міської ради", department.Name);
    }

    [Fact]
    public void Parse_UnknownDepartment_IsKeptAndWarnedAbout()
    {
        var text = SmallReports.Valid.Replace("Управління культури міської ради", "Відділ архівної справи міської ради", StringComparison.Ordinal);

        var result = new ConceptDocumentParser().Parse(text, "small.txt");

        Assert.Empty(result.Errors);
        var department = result.Document!.Priorities[0].Goals[0].Tasks[0].Projects[0].Departments[0];
        Assert.Equal("viddil-arkhivnoi-spravy", department.Id);
        Assert.Contains(result.Warnings, w => w.Line == 7 && w.Reason.Contains("unknown department", StringComparison.Ordinal));
    }

    [Fact]
    public void LooksLikeDepartmentList_ReportTextStartingWithADepartmentInInstrumentalCase_IsNotAList()
    {
        var names = DepartmentNames.Default;

        var report = names.LooksLikeDepartmentList("Управлінням культури міської ради спільно з екскурсоводом розроблено 10 піших екскурсій");
        var list = names.LooksLikeDepartmentList("Управління культури міської ради, управління капітального будівництва міської ради");

        Assert.False(report);
        Assert.True(list);
    }
}
