using System.Text;
using CityActors.Grains.Demo;
using CityActors.Grains.Facilities;
using CityActors.Grains.Imports;

namespace CityActors.Grains.Tests.Imports;

/// <summary>Facility registry files from Imports/Data imported, re-imported and exported on SQLite.</summary>
public sealed class FacilityImportTests : IAsyncLifetime
{
    ImportSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await ImportSilo.StartAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    static byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Imports", "Data", name));

    Task<ImportResult> ImportAsync(string name, bool dryRun = false, bool partial = false)
        => _silo.Importer.ImportFacilitiesAsync(ImportSilo.Request(name, File(name), dryRun, partial));

    Task<ImportResult> ImportAsync(string name, byte[] content)
        => _silo.Importer.ImportFacilitiesAsync(ImportSilo.Request(name, content));

    async Task<FacilityRegistration?> RegistrationAsync(string id) => (await _silo.Grains.GetGrain<IFacilityGrain>(id).GetSnapshotAsync()).Registration;

    static ImportCounts Facilities(ImportResult result) => result.Counts.Single(c => c.Entity == "facility");

    [Fact]
    public async Task ImportFacilitiesAsync_UkrainianCsv_RegistersEveryRowExactly()
    {
        var result = await ImportAsync("facilities-uk.csv");

        Assert.Empty(result.Errors);
        Assert.True(result.Applied);
        Assert.Equal(new ImportCounts("facility", 4, 0, 0, 0), Facilities(result));
        Assert.Equal(new FacilityRegistration("school", "Ліцей № 25", "вул. Київська, 77", "Корольовський", "education", new GeoPoint(50.2612, 28.6921), true, 1200),
            await RegistrationAsync("school-025"));
        Assert.Equal("Заклад дошкільної освіти № 4 \"Сонечко\"", (await RegistrationAsync("kindergarten-004"))!.Name);
        Assert.Equal(new FacilityRegistration("shelter", "Укриття ліцею № 25", "вул. Київська, 77", "Корольовський", "civil-protection", new GeoPoint(50.2613, 28.6920), false, 350),
            await RegistrationAsync("shelter-017"));
        Assert.Equal(new FacilityRegistration("boiler-house", "Котельня на вул. Бердичівській", "вул. Бердичівська, 1", "Богунський", "utilities", null, false, null),
            await RegistrationAsync("boiler-house-03"));
        Assert.Equal(4, result.Changes.Count(c => c.Kind == ImportChangeKind.Created));
        Assert.Equal([2, 3, 4, 5], result.Changes.Select(c => c.Line!.Value));
    }

    [Fact]
    public async Task ImportFacilitiesAsync_SameFileTwice_SecondChangesNothing()
    {
        await ImportAsync("facilities-uk.csv");
        var events = (await _silo.EventsAsync()).Count;

        var second = await ImportAsync("facilities-uk.csv");

        Assert.Equal(new ImportCounts("facility", 0, 0, 4, 0), Facilities(second));
        Assert.Empty(second.Changes);
        Assert.Equal(events, (await _silo.EventsAsync()).Count);
    }

    [Fact]
    public async Task ImportFacilitiesAsync_JsonOfTheSameRegistry_ChangesNothingAfterTheCsv()
    {
        await ImportAsync("facilities-uk.csv");

        var result = await ImportAsync("facilities.json");

        Assert.Empty(result.Errors);
        Assert.Equal(new ImportCounts("facility", 0, 0, 4, 0), Facilities(result));
    }

    [Fact]
    public async Task ImportFacilitiesAsync_DryRunOfAChangedFile_ShowsTheChangedFieldsAndWritesNothing()
    {
        await ImportAsync("facilities-uk.csv");
        var events = (await _silo.EventsAsync()).Count;

        var result = await ImportAsync("facilities-en.csv", dryRun: true);

        Assert.False(result.Applied);
        Assert.Equal(new ImportCounts("facility", 0, 1, 1, 0), Facilities(result));
        var change = Assert.Single(result.Changes);
        Assert.Equal(("school-025", ImportChangeKind.Changed, 2), (change.Key, change.Kind, change.Line!.Value));
        Assert.Equal(
            [new FieldChange("name", "Ліцей № 25", "Ліцей № 25 імені Т. Г. Шевченка"), new FieldChange("capacity", "1200", "1250")],
            change.Fields);
        Assert.Equal("Ліцей № 25", (await RegistrationAsync("school-025"))!.Name);
        Assert.Equal(events, (await _silo.EventsAsync()).Count);
    }

    [Fact]
    public async Task ImportFacilitiesAsync_ChangedFile_UpdatesOnlyTheChangedFacilityFromTheImport()
    {
        await ImportAsync("facilities-uk.csv");
        var before = (await _silo.EventsAsync()).Count;

        var result = await ImportAsync("facilities-en.csv");
        var events = (await _silo.EventsAsync()).Skip(before).ToList();

        Assert.True(result.Applied);
        Assert.Equal(1250, (await RegistrationAsync("school-025"))!.Capacity);
        var registered = Assert.Single(events, e => e.Type == "FacilityRegistered");
        Assert.Equal(("school-025", "urn:zhytomyr:import:facilities"), (registered.Key, registered.Source));
    }

    [Fact]
    public async Task ImportFacilitiesAsync_FileThenAnEditThenTheFileAgain_TheLastImportWins()
    {
        await ImportAsync("facilities-uk.csv");
        await ImportAsync("facilities-en.csv");

        var again = await ImportAsync("facilities-uk.csv");

        Assert.Equal(new ImportCounts("facility", 0, 1, 3, 0), Facilities(again));
        Assert.Equal(("Ліцей № 25", 1200), ((await RegistrationAsync("school-025"))!.Name, (await RegistrationAsync("school-025"))!.Capacity!.Value));
    }

    [Fact]
    public async Task ImportFacilitiesAsync_BadRows_NamesEachLineAndImportsNothing()
    {
        var result = await ImportAsync("facilities-bad-rows.csv");

        Assert.False(result.Applied);
        Assert.Equal(new ImportCounts("facility", 2, 0, 0, 4), Facilities(result));
        Assert.Equal([4, 5, 6, 7], result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.Equal("facilities-bad-rows.csv", e.File));
        Assert.Equal("the row has 7 cells; the header has 10 (truncated row?)", result.Errors[0].Reason);
        Assert.Contains("latitude: \"north\" is not a number", result.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("kind: \"park\" is not a facility kind", result.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Equal("school-030: the id appears again (first at line 2)", result.Errors[3].Reason);
        Assert.Null(await RegistrationAsync("school-030"));
        Assert.Empty(await _silo.EventsAsync());
    }

    [Fact]
    public async Task ImportFacilitiesAsync_BadRowsWithPartial_ImportsTheValidRows()
    {
        var result = await ImportAsync("facilities-bad-rows.csv", partial: true);

        Assert.True(result.Applied);
        Assert.Equal(4, result.Errors.Count);
        Assert.Equal("Ліцей № 30\n(корпус 2)", (await RegistrationAsync("school-030"))!.Name);
        Assert.Equal("siren", (await RegistrationAsync("siren-012"))!.Kind);
        Assert.Equal(8, result.Changes.Single(c => c.Key == "siren-012").Line);
        Assert.Null(await RegistrationAsync("school-032"));
    }

    [Fact]
    public async Task ImportFacilitiesAsync_TableWithoutHeader_IsAnErrorOnLineOne()
    {
        var result = await ImportAsync("facilities-no-header.csv");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("facilities-no-header.csv", 1), (error.File, error.Line));
        Assert.Contains("a table without a header", error.Reason, StringComparison.Ordinal);
        Assert.False(result.Applied);
    }

    [Fact]
    public async Task ImportFacilitiesAsync_Windows1251Csv_IsAnEncodingErrorAndImportsNothing()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = Encoding.UTF8.GetString(File("facilities-uk.csv")).TrimStart('\uFEFF');

        var result = await ImportAsync("facilities-cp1251.csv", Encoding.GetEncoding(1251).GetBytes(text));

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("must be UTF-8", error.Reason, StringComparison.Ordinal);
        Assert.Empty(await _silo.EventsAsync());
    }

    [Fact]
    public async Task ImportFacilitiesAsync_TruncatedJson_NamesTheLine()
    {
        var json = File("facilities.json");

        var result = await ImportAsync("facilities.json", json[..(json.Length / 2)]);

        Assert.False(result.Applied);
        Assert.Contains(result.Errors, e => e.Reason.StartsWith("not valid JSON", StringComparison.Ordinal) && e.Line > 1);
        Assert.Empty(await _silo.EventsAsync());
    }

    [Fact]
    public async Task ImportFacilitiesAsync_KindChange_IsARowError()
    {
        await ImportAsync("facilities-uk.csv");
        var text = "id,kind,name,address,district,department\nschool-025,kindergarten,Ліцей № 25,\"вул. Київська, 77\",Корольовський,education\n";

        var result = await ImportAsync("kind.csv", Encoding.UTF8.GetBytes(text));

        Assert.Equal(2, Assert.Single(result.Errors).Line);
        Assert.Contains("kind cannot change", result.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task ExportFacilitiesAsync_ThenImport_ChangesNothing(string format)
    {
        await ImportAsync("facilities-uk.csv");

        var export = await _silo.Importer.ExportFacilitiesAsync(format);
        var reimport = await ImportAsync(export.FileName, export.Content);

        Assert.Equal($"zhytomyr-facilities.{format}", export.FileName);
        Assert.Empty(reimport.Errors);
        Assert.Equal(new ImportCounts("facility", 0, 0, 4, 0), Facilities(reimport));
    }

    [Fact]
    public async Task ExportFacilitiesAsync_Csv_WritesEnglishHeadersAndQuotesWhereNeeded()
    {
        await ImportAsync("facilities-uk.csv");

        var export = await _silo.Importer.ExportFacilitiesAsync("csv");
        var lines = Encoding.UTF8.GetString(export.Content).Split("\r\n");

        Assert.Equal("text/csv; charset=utf-8", export.ContentType);
        Assert.Equal("id,kind,name,address,district,department,latitude,longitude,locationPublic,capacity", lines[0]);
        Assert.Equal("boiler-house-03,boiler-house,Котельня на вул. Бердичівській,\"вул. Бердичівська, 1\",Богунський,utilities,,,false,", lines[1]);
        Assert.Equal("kindergarten-004,kindergarten,\"Заклад дошкільної освіти № 4 \"\"Сонечко\"\"\",\"вул. Велика Бердичівська, 30\",Корольовський,education,50.2489,28.6702,true,180", lines[2]);
        Assert.Equal(6, lines.Length); // header, four facilities, and the empty string after the last line break
    }

    [Fact]
    public async Task ExportFacilitiesAsync_DemoCity_ExportsEveryFacilityAndReimportsUnchanged()
    {
        var city = DemoCityGenerator.Generate(2023);
        await DemoCitySeeder.SeedAsync(_silo.Grains, city, DateTimeOffset.UtcNow);

        var export = await _silo.Importer.ExportFacilitiesAsync("csv");
        var reimport = await ImportAsync(export.FileName, export.Content);

        Assert.Equal(1_257, city.Facilities.Count);
        Assert.Equal(1 + 1_257, Encoding.UTF8.GetString(export.Content).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Empty(reimport.Errors);
        Assert.Equal(new ImportCounts("facility", 0, 0, 1_257, 0), Facilities(reimport));
    }

    [Fact]
    public async Task ExportFacilitiesAsync_RightAfterARegistrationOutsideImports_IncludesIt()
    {
        var registration = new FacilityRegistration("shelter", "Укриття гімназії № 3", "вул. Пушкінська, 5", "Корольовський", "civil-protection", new GeoPoint(50.2551, 28.6598), false, 240);
        await _silo.Grains.GetGrain<IFacilityGrain>("shelter-203").RegisterAsync(registration, new ChangeContext("urn:zhytomyr:civil-protection/api-client-1", "put-1"));

        var export = await _silo.Importer.ExportFacilitiesAsync("json");
        var imported = await ImportAsync("copy.json", export.Content);

        Assert.Contains("\"shelter-203\"", Encoding.UTF8.GetString(export.Content), StringComparison.Ordinal);
        Assert.Equal(new ImportCounts("facility", 0, 0, 1, 0), Facilities(imported));
    }

    [Fact]
    public async Task ExportFacilitiesAsync_UnknownFormat_IsAValidationError()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _silo.Importer.ExportFacilitiesAsync("xlsx"));

        Assert.Equal("format", error.Field);
    }
}
