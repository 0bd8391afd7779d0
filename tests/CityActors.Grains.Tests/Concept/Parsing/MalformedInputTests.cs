using System.Text;
using CityActors.Grains.Concept;
using CityActors.Grains.Concept.Parsing;

namespace CityActors.Grains.Tests.Concept.Parsing;

public sealed class MalformedInputTests
{
    const string File = "broken.txt";

    static ConceptParseResult Parse(string text, bool allowPartial = false) =>
        new ConceptDocumentParser(new ConceptParseOptions { AllowPartial = allowPartial }).Parse(text, File);

    static string ReplaceLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void Parse_SmallValidReport_Succeeds()
    {
        var result = Parse(SmallReports.Valid);

        Assert.Empty(result.Errors);
        Assert.Equal(2024, result.Document!.Year);
        Assert.Equal("Проект не реалізовано\nПродовження тексту & ще & більше", result.Document.Priorities[0].Goals[0].Tasks[0].Projects[0].StatusText);
    }

    [Fact]
    public void Parse_InvalidUtf8Byte_NamesFileLineAndReason()
    {
        var bytes = Encoding.UTF8.GetBytes(SmallReports.Valid).ToList();
        var startOfLineSeven = Encoding.UTF8.GetByteCount(string.Join('\n', SmallReports.Valid.Split('\n').Take(6)) + "\n");
        bytes.Insert(startOfLineSeven + 2, 0xFF);
        using var stream = new MemoryStream([.. bytes]);

        var result = new ConceptDocumentParser().Parse(stream, File);

        var error = Assert.Single(result.Errors);
        Assert.Equal(File, error.File);
        Assert.Equal(7, error.Line);
        Assert.Contains("invalid UTF-8 byte 0xFF", error.Reason, StringComparison.Ordinal);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Parse_Windows1251File_IsRejectedAsNotUtf8OnItsFirstLine()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var stream = new MemoryStream(Encoding.GetEncoding(1251).GetBytes(SmallReports.Valid));

        var result = new ConceptDocumentParser().Parse(stream, File);

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.Contains("Windows-1251", error.Reason, StringComparison.Ordinal);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Parse_Utf16File_IsRejected()
    {
        using var stream = new MemoryStream(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(SmallReports.Valid)).ToArray());

        var result = new ConceptDocumentParser().Parse(stream, File);

        Assert.Equal([new ParseError(File, 1, "the file is UTF-16 (byte order mark); the report must be UTF-8")], result.Errors);
    }

    [Fact]
    public void Parse_FileEndingInsideAUtf8Sequence_IsATruncatedFile()
    {
        var bytes = Encoding.UTF8.GetBytes(SmallReports.Valid + "\t\t\t\tщ");
        using var stream = new MemoryStream(bytes[..^1]);

        var result = new ConceptDocumentParser().Parse(stream, File);

        var error = Assert.Single(result.Errors);
        Assert.Equal(10, error.Line);
        Assert.Contains("truncated", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextWithReplacementCharacters_IsAnEncodingError()
    {
        var text = ReplaceLine(SmallReports.Valid, 6, "<i>Формування \uFFFD\uFFFD культурних запитів</i>\t\t\t\t");

        var result = Parse(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(6, error.Line);
        Assert.Contains("U+FFFD", error.Reason, StringComparison.Ordinal);
        Assert.Null(result.Document);
    }

    [Theory]
    [InlineData("1\tСтворити мережу\tТеатр 2019-2030 роки", 3)]
    [InlineData("1\tСтворити мережу", 2)]
    [InlineData("1\tСтворити мережу\tТеатр 2019-2030 роки\tУправління культури міської ради", 4)]
    public void Parse_TruncatedRow_NamesItsLineAndCellCount(string row, int cells)
    {
        var text = ReplaceLine(SmallReports.Valid, 7, row);

        var result = Parse(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(File, error.File);
        Assert.Equal(7, error.Line);
        Assert.Equal($"the row has {cells} cells where a report row has 5 (truncated row?)", error.Reason);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Parse_RowWithOnlyANumber_IsATruncatedRow()
    {
        var text = ReplaceLine(SmallReports.Valid, 7, "1");

        var result = Parse(text);

        Assert.Equal([new ParseError(File, 7, "the row holds only the number \"1\" (truncated row?)")], result.Errors);
    }

    [Fact]
    public void Parse_TaskNumberWithoutDescription_IsAnError()
    {
        var text = ReplaceLine(SmallReports.Valid, 9, "2\t\t\tВиконавчі органи міської ради\tТриває робота");

        var result = Parse(text);

        Assert.Equal([new ParseError(File, 9, "task 2 has a number but no description (truncated row?)")], result.Errors);
    }

    [Fact]
    public void Parse_TableWithoutHeader_NamesTheFirstRowAfterTheTitle()
    {
        var text = ReplaceLine(SmallReports.Valid, 4, string.Empty);

        var result = Parse(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal(5, error.Line);
        Assert.Equal("the table \"Активне місто\" (line 1) has no header row before its rows", error.Reason);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Parse_HeaderWithoutYear_IsAnError()
    {
        var text = ReplaceLine(SmallReports.Valid, 4, "№ з/п\tОпис завдання відповідно до Концепції\tПроєкт\tВиконавчий орган\tІнформація про виконання");

        var result = Parse(text);

        Assert.Contains(new ParseError(File, 4, "the header row names no report year (\"Інформація про виконання за YYYY рік\")"), result.Errors);
    }

    [Fact]
    public void Parse_TablesOfDifferentYears_IsAnError()
    {
        var second = SmallReports.Valid.Replace("Активне місто", "Зелене місто", StringComparison.Ordinal).Replace("2024", "2025", StringComparison.Ordinal);

        var result = Parse(SmallReports.Valid + "\n" + second);

        Assert.Equal([new ParseError(File, 14, "the report year 2025 differs from 2024 stated at line 4")], result.Errors);
    }

    [Fact]
    public void Parse_RowsBeforeAnyTitle_IsAnError()
    {
        var text = string.Join('\n', SmallReports.Valid.Split('\n').Skip(3));

        var result = Parse(text);

        Assert.Contains(new ParseError(File, 1, "header row before any table title (\"Інформація про виконання … пріоритету \"…\"\")"), result.Errors);
        Assert.Contains(result.Errors, e => e.Line == 2 && e.Reason.StartsWith("a row before any table title", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_TitleAndHeaderWithNothingAfter_IsATruncatedTable()
    {
        var text = string.Join('\n', SmallReports.Valid.Split('\n').Take(4));

        var result = Parse(text);

        Assert.Equal([new ParseError(File, 1, "the table \"Активне місто\" has no strategic goals (truncated file?)")], result.Errors);
    }

    [Fact]
    public void Parse_EmptyText_SaysNoTableWasFound()
    {
        var result = Parse(string.Empty);

        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.Line);
        Assert.StartsWith("no priority table found", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StrayParagraphWithoutCells_IsAnErrorNotAGoal()
    {
        var text = ReplaceLine(SmallReports.Valid, 8, "Окремий абзац звіту, що втратив табуляції.");

        var result = Parse(text);

        Assert.Equal([new ParseError(File, 8, "text outside the table columns that is neither a goal heading nor a goal title")], result.Errors);
    }

    [Fact]
    public void Parse_ErrorsWithAllowPartial_ReturnsTheRestOfTheDocument()
    {
        var text = ReplaceLine(SmallReports.Valid, 7, "1\tСтворити мережу\tТеатр 2019-2030 роки");

        var result = Parse(text, allowPartial: true);

        Assert.Single(result.Errors);
        Assert.NotNull(result.Document);
        Assert.False(result.Succeeded);
        Assert.Equal(["Завдання без проєкту"], result.Document.Priorities[0].Goals[0].Tasks.Select(t => t.Description));
    }

    [Fact]
    public void ParseOrThrow_MalformedInput_ThrowsWithFileLineAndReason()
    {
        var text = ReplaceLine(SmallReports.Valid, 7, "1\tСтворити мережу");

        var error = Assert.Throws<ConceptParseException>(() => new ConceptDocumentParser().ParseOrThrow(text, File));

        Assert.Equal(new ParseError(File, 7, "the row has 2 cells where a report row has 5 (truncated row?)"), Assert.Single(error.Errors));
        Assert.Contains("broken.txt:7: the row has 2 cells", error.Message, StringComparison.Ordinal);
    }
}
