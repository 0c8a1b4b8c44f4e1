using System.CommandLine;

namespace GpuImdb.Cli.Commands;

/// <summary>Validators declared on options, so bad values fail at parse time with the option's name.</summary>
internal static class OptionChecks
{
    /// <summary>Rejects values below <paramref name="minimum"/> (only when the value parsed).</summary>
    public static T AtLeast<T>(this T option, int minimum)
        where T : Option<int>
    {
        option.Validators.Add(result =>
        {
            // NOTE: validators also run when conversion failed; read the token, not the value.
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, out int value) && value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}, got {value}.");
            }
        });
        return option;
    }

    /// <summary>Rejects values that are not positive and finite.</summary>
    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1
                && double.TryParse(result.Tokens[0].Value, System.Globalization.CultureInfo.InvariantCulture,
                    out double value)
                && !(value > 0 && double.IsFinite(value)))
            {
                result.AddError($"{option.Name} must be a positive number, got {result.Tokens[0].Value}.");
            }
        });
        return option;
    }
}
