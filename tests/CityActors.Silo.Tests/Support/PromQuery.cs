using System.Text.RegularExpressions;

namespace CityActors.Silo.Tests;

/// <summary>A label matcher of a PromQL selector: <c>rpc_method="ReportStatusAsync"</c>.</summary>
public sealed record PromMatcher(string Label, string Operator, string Value);

/// <summary>
/// What a PromQL expression reads: the metric names of its selectors, the labels it groups or matches by and its label
/// matchers. Enough of PromQL for dashboard queries: selectors, functions, aggregations with <c>by</c>/<c>without</c>,
/// <c>on</c>/<c>ignoring</c>, ranges and arithmetic.
/// </summary>
public sealed partial class PromQuery
{
    static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
        // Aggregations, which may be followed by "by (...)" instead of their parenthesis.
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio",
    };

    PromQuery(string expression) => Expression = expression;

    public string Expression { get; }
    public List<string> Metrics { get; } = [];
    public List<string> Labels { get; } = [];
    public List<PromMatcher> Matchers { get; } = [];

    public static PromQuery Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var query = new PromQuery(expression);
        var tokens = Token().Matches(expression).Select(m => m.Value).ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token == "{")
            {
                // label op "value", ... }
                for (i++; i < tokens.Count && tokens[i] != "}"; i++)
                {
                    if (tokens[i] == ",")
                        continue;
                    query.Labels.Add(tokens[i]);
                    query.Matchers.Add(new PromMatcher(tokens[i], tokens[i + 1], tokens[i + 2].Trim('"')));
                    i += 2;
                }
            }
            else if (token == "[")
            {
                while (tokens[i] != "]")
                    i++;
            }
            else if (token is "by" or "without" or "on" or "ignoring" or "group_left" or "group_right" && i + 1 < tokens.Count && tokens[i + 1] == "(")
            {
                for (i += 2; tokens[i] != ")"; i++)
                {
                    if (tokens[i] != ",")
                        query.Labels.Add(tokens[i]);
                }
            }
            else if (Identifier().IsMatch(token) && !s_keywords.Contains(token) && (i + 1 == tokens.Count || tokens[i + 1] != "("))
            {
                query.Metrics.Add(token);
            }
        }
        return query;
    }

    /// <summary>Strings, numbers with their units (<c>1m</c>, <c>0.99</c>), identifiers, matcher operators, single symbols.</summary>
    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|\\d+(?:\\.\\d+)?[a-z]*|[a-zA-Z_:][a-zA-Z0-9_:]*|=~|!~|!=|==|>=|<=|\\S")]
    private static partial Regex Token();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex Identifier();
}
