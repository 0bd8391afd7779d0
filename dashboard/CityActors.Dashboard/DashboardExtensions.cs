using System.Text.Encodings.Web;
using System.Text.Unicode;
using CityActors.Dashboard.Access;
using CityActors.Dashboard.Components;
using CityActors.Dashboard.Live;
using CityActors.Dashboard.Components.Live;
using CityActors.Dashboard.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CityActors.Dashboard;

/// <summary>Mounts the operator dashboard in a silo: <c>builder.AddCityActorsDashboard()</c>, then <c>app.MapCityActorsDashboard()</c>.</summary>
public static class DashboardExtensions
{
    /// <summary>The cookie that remembers the visitor's language.</summary>
    public const string LanguageCookie = "cityactors-lang";

    public static WebApplicationBuilder AddCityActorsDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration("Dashboard")
            // The silo's own city unless the dashboard is told to show another.
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                if (configuration["Dashboard:City"] is null && configuration["City:Name"] is { Length: > 0 } city)
                    o.City = city;
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.City), "Dashboard:City must name a city.")
            .Validate(o => o.DefaultLanguage is UiText.Ukrainian or UiText.English, "Dashboard:DefaultLanguage must be uk or en.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DashboardOptions>>().Value);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CityFeed>();
        builder.Services.AddDataProtection();
        builder.Services.AddSingleton<OperatorSessions>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CityFeed>());
        builder.Services.AddRazorComponents();
        // Ukrainian text goes out as UTF-8 characters, not as six-byte character references: a third of the bytes.
        builder.Services.TryAddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        return builder;
    }

    public static WebApplication MapCityActorsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapGet("/dashboard/assets/{name}", DashboardAssets.Serve).ExcludeFromDescription();
        app.MapGet("/dashboard/language/{language}", SetLanguage).ExcludeFromDescription();
        app.MapGet("/dashboard/signout", (HttpContext context) =>
        {
            OperatorSessions.SignOut(context);
            return TypedResults.LocalRedirect("/signin");
        }).ExcludeFromDescription();
        app.MapGet("/dashboard/live", LiveStream.StreamAsync).ExcludeFromDescription();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>Remembers the chosen language for a year and goes back to the page the visitor was on.</summary>
    static IResult SetLanguage(string language, string? returnUrl, HttpContext context)
    {
        if (language is not (UiText.Ukrainian or UiText.English))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language", detail: "Choose uk or en.");
        context.Response.Cookies.Append(LanguageCookie, language, new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });
        var back = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        return TypedResults.LocalRedirect(back);
    }
}
