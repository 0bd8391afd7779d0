using System.Text;

namespace CityActors.Grains.Concept.Parsing;

/// <summary>ASCII slugs of Ukrainian text (national transliteration of 2010, without its word-initial forms).</summary>
static class Transliteration
{
    /// <summary>Lower-case ASCII letters and digits joined by single hyphens, e.g. <c>upravlinnia-kultury</c>.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        var pendingHyphen = false;
        foreach (var c in text.ToLowerInvariant())
        {
            var latin = Latin(c);
            if (latin is null)
            {
                pendingHyphen = builder.Length > 0;
                continue;
            }
            if (latin.Length == 0)
                continue;
            if (pendingHyphen)
                builder.Append('-');
            pendingHyphen = false;
            builder.Append(latin);
        }
        return builder.ToString();
    }

    // Null separates words; an empty string drops the character (soft sign, apostrophe) inside a word.
    static string? Latin(char c) => c switch
    {
        >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
        'а' => "a", 'б' => "b", 'в' => "v", 'г' => "h", 'ґ' => "g", 'д' => "d", 'е' => "e", 'є' => "ie",
        'ж' => "zh", 'з' => "z", 'и' => "y", 'і' => "i", 'ї' => "i", 'й' => "i", 'к' => "k", 'л' => "l",
        'м' => "m", 'н' => "n", 'о' => "o", 'п' => "p", 'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u",
        'ф' => "f", 'х' => "kh", 'ц' => "ts", 'ч' => "ch", 'ш' => "sh", 'щ' => "shch", 'ю' => "iu", 'я' => "ia",
        'ы' => "y", 'э' => "e", 'ё' => "io",
        'ь' or 'ъ' or '\'' or '’' or 'ʼ' or '`' => string.Empty,
        _ => null,
    };
}
