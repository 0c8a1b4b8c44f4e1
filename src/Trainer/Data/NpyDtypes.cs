namespace GpuImdb.Trainer.Data;

/// <summary>The numpy dtype strings <see cref="NpyReader"/> accepts, and their item sizes.</summary>
internal static class NpyDtypes
{
    public const string Int64 = "<i8";
    public const string Int32 = "<i4";
    public const string Int8 = "|i1";
    public const string UInt8 = "|u1";
    public const string Float32 = "<f4";
    public const string Float64 = "<f8";
    public const string Bool = "|b1";
    public const string Object = "|O";

    public static readonly string[] All =
        [Int64, Int32, Int8, UInt8, Float32, Float64, Bool, Object];

    /// <summary>Bytes per element of a numeric dtype; 0 for an object array or unknown.</summary>
    public static int ItemSize(string dtype)
    {
        return dtype switch
        {
            Int64 or Float64 => 8,
            Int32 or Float32 => 4,
            Int8 or UInt8 or Bool => 1,
            _ => 0,
        };
    }
}
