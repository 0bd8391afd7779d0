using System.Text;
using CityActors.Grains.Concept;

namespace CityActors.Grains.Tests.Concept.Parsing;

/// <summary>The 2025 Concept report as shipped in the grains assembly (a byte-for-byte copy of <c>shared/seeds/000_66a48dc1a4348c1f.txt</c>).</summary>
static class SeedFile
{
    /// <summary>The name errors and warnings carry: the seed's own name, so line references match the city's file.</summary>
    public const string ConceptReport2025 = "000_66a48dc1a4348c1f.txt";

    /// <summary>SHA-256 of the seed file as the city published it.</summary>
    public const string ConceptReport2025Sha256 = "7595f969938742c8ca413f41d2fc81b4b0f6aa78158b2d290005ea686f876e69";

    static readonly Lazy<byte[]> RealReportBytes = new(() => ConceptReports.Read(ConceptReports.Zhytomyr2025));

    static readonly Lazy<string> RealReportText = new(() => Encoding.UTF8.GetString(RealReportBytes.Value));

    /// <summary>The shipped report's bytes, read once per test run.</summary>
    public static byte[] ConceptReportBytes => RealReportBytes.Value;

    /// <summary>The 2025 Concept report as text, read once per test run.</summary>
    public static string ConceptReportText => RealReportText.Value;
}
