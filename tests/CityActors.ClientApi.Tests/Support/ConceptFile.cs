using System.Text;

namespace CityActors.ClientApi.Tests.Support;

/// <summary>The 2025 Concept report as shipped (the silo imports it at its first start), and an edition with one report text changed.</summary>
public static class ConceptFile
{
    /// <summary>The project of line 9, "Бізнес-платформа 2019-2030 роки".</summary>
    public const string Platform = "p1.g1.t1.biznes-platforma";

    public static byte[] Shipped { get; } = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "zhytomyr-concept-report-2025.txt"));

    /// <summary>Line 9's report says "оприлюднено інформацію" where the city's file says "оприлюднювалась інформація".</summary>
    public static byte[] Edited { get; } = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Shipped).Replace("оприлюднювалась інформація", "оприлюднено інформацію", StringComparison.Ordinal));
}
