using System.Text.Json;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Tests.Concept.Parsing;

public sealed class WriterRoundTripTests
{
    static ConceptDocument ParseReal() =>
        new ConceptDocumentParser().ParseOrThrow(SeedFile.ConceptReportText, SeedFile.ConceptReport2025);

    [Fact]
    public void Write_RealDocument_ParsesBackToTheSameStructureAndText()
    {
        var original = ParseReal();

        var written = new ConceptDocumentWriter().Write(original);
        var result = new ConceptDocumentParser().Parse(written, "written.txt");

        Assert.Empty(result.Errors);
        // Only the quirks the document itself carries remain: the repeated priority title and the repeated goal number.
        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains(result.Warnings, w => w.Reason.StartsWith("the priority title \"Інноваційне місто\" repeats", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Reason.StartsWith("strategic goal 3 follows goal 3", StringComparison.Ordinal));
        var reread = result.Document!;
        Assert.Equal(Flatten(original), Flatten(reread));
        Assert.Equal(original, reread);
    }

    [Fact]
    public void Write_WrittenDocument_IsAFixedPoint()
    {
        var writer = new ConceptDocumentWriter();
        var once = writer.Write(ParseReal());

        var twice = writer.Write(new ConceptDocumentParser().ParseOrThrow(once, "written.txt"));

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Write_Priority_HasTitleWithYearAndHeaderRow()
    {
        var document = new ConceptDocumentParser().ParseOrThrow(SmallReports.Valid, "small.txt");

        var lines = new ConceptDocumentWriter().Write(document).Split('\n');

        Assert.Equal("Інформація про виконання завдань та реалізацію проєктів пріоритету \"Активне місто\"", lines[1]);
        Assert.Equal("Концепції інтегрованого розвитку м. Житомира до 2030 року за 2024 рік", lines[2]);
        Assert.Equal("№ з/п\tОпис завдання відповідно до Концепції\tПроєкт\tВиконавчий орган міської ради - відповідальний за надання інформації\tІнформація про виконання за 2024 рік", lines[4]);
        Assert.Equal("Стратегічна ціль 1\t\t\t\t", lines[5]);
        Assert.Equal("1\tСтворити мережу\tТеатр 2019-2030 роки\tУправління культури міської ради\tПроект не реалізовано", lines[7]);
        Assert.Equal("\t\t\t\tПродовження тексту &amp; ще &amp; більше", lines[8]);
        Assert.Equal("2\tЗавдання без проєкту\t\tВиконавчі органи міської ради\tТриває робота", lines[9]);
    }

    [Fact]
    public void Write_TextWithMarkupCharacters_SurvivesTheRoundTrip()
    {
        var document = new ConceptDocument(2026,
        [
            new ConceptPriority("p1", 1, "Зелене місто",
            [
                new StrategicGoal("p1.g1", 1, "Ціль <1> & все",
                [
                    new ConceptTask("p1.g1.t1", 1, "Завдання &amp; текст",
                    [
                        new ConceptProject("p1.g1.t1.pr1", "Half&Half <b> 2019-2030 роки", "2019-2030", [],
                            "Перший абзац\nДругий & <p>третій</p>", StatusClass.Implemented),
                    ]),
                ]),
            ]),
        ]);

        var reread = new ConceptDocumentParser().ParseOrThrow(new ConceptDocumentWriter().Write(document), "written.txt");

        Assert.Equal(document, reread);
    }

    [Fact]
    public void Json_RealDocument_SerialisesAndDeserialisesToAnEqualModel()
    {
        var original = ParseReal();

        var json = JsonSerializer.Serialize(original);
        var restored = JsonSerializer.Deserialize<ConceptDocument>(json);

        Assert.Contains("\"StatusClass\":\"SuspendedMartialLaw\"", json, StringComparison.Ordinal);
        Assert.Equal(original, restored);
    }

    static List<string> Flatten(ConceptDocument document) =>
    [
        .. document.Priorities.SelectMany(p => p.Goals.SelectMany(g => g.Tasks.SelectMany(t => t.Projects.Select(pr =>
            string.Join(" | ", p.Key, p.Title, g.Key, g.Number, g.Title, t.Key, t.Number, t.Description, pr.Key, pr.Name,
                pr.Period, string.Join(",", pr.Departments.Select(d => $"{d.Id}={d.RawSpelling}")), pr.StatusText, pr.StatusClass))))),
    ];
}
