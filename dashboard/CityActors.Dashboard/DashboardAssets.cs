using Microsoft.AspNetCore.Http;

namespace CityActors.Dashboard;

/// <summary>The dashboard's stylesheet, script and district outlines, embedded in the assembly.</summary>
/// <remarks>Embedded rather than static web assets so they load the same from a build folder, a publish folder or a test host.</remarks>
static class DashboardAssets
{
    static readonly Dictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static IResult Serve(string name, HttpContext context)
    {
        if (!Files.TryGetValue(name, out var file))
            return TypedResults.NotFound();
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Bytes(file.Content, file.ContentType);
    }

    static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["Assets/".Length..];
            files[name] = (copy.ToArray(), ContentType(name));
        }
        return files;
    }

    static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".json" or ".geojson" => "application/geo+json; charset=utf-8",
        _ => "application/octet-stream",
    };
}
