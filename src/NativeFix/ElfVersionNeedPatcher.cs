// This file is compiled twice: into Agop.NativeFix (the patcher, tested there) and by MSBuild's
// RoslynCodeTaskFactory from Directory.Build.targets (the patcher plus the build task below),
// so the fix for TorchSharp on Debian 12 runs on every build with no hand step.
using System;
using System.IO;
using System.Text;

namespace Agop.NativeFix
{
    /// <summary>Outcome of marking one ELF version need as weak.</summary>
    public enum ElfPatchResult { Patched, AlreadyWeak, VersionNotNeeded }

    /// <summary>
    /// Sets VER_FLG_WEAK on one Vernaux entry (e.g. GLIBCXX_3.4.32) of an ELF64 little-endian
    /// shared object, so the dynamic loader no longer refuses a library whose C++ runtime
    /// is older than the one it was linked against for a single never-called symbol.
    /// </summary>
    public static class ElfVersionNeedPatcher
    {
        public const ushort VerFlagWeak = 0x2;
        const uint ShtGnuVerneed = 0x6ffffffe;

        public static ElfPatchResult MarkWeak(string path, string versionName)
        {
            byte[] image = File.ReadAllBytes(path);
            var (offset, alreadyWeak) = FindVernauxFlags(image, versionName, path);
            if (offset < 0) return ElfPatchResult.VersionNotNeeded;
            if (alreadyWeak) return ElfPatchResult.AlreadyWeak;
            ushort flags = BitConverter.ToUInt16(image, offset);
            flags |= VerFlagWeak;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read))
            {
                stream.Seek(offset, SeekOrigin.Begin);
                stream.Write(BitConverter.GetBytes(flags), 0, 2);
            }
            return ElfPatchResult.Patched;
        }

        /// <summary>True when the file still needs <paramref name="versionName"/> without the weak flag.</summary>
        public static bool NeedsPatch(string path, string versionName)
        {
            var (offset, weak) = FindVernauxFlags(File.ReadAllBytes(path), versionName, path);
            return offset >= 0 && !weak;
        }

        static (int FlagsOffset, bool Weak) FindVernauxFlags(byte[] image, string versionName, string path)
        {
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                throw new InvalidDataException(path + ": not an ELF file");
            if (image[4] != 2 || image[5] != 1)
                throw new InvalidDataException(path + ": only 64-bit little-endian ELF is supported");
            long shoff = BitConverter.ToInt64(image, 0x28);
            int shentsize = BitConverter.ToUInt16(image, 0x3A);
            int shnum = BitConverter.ToUInt16(image, 0x3C);
            for (int i = 0; i < shnum; i++)
            {
                int sh = checked((int)(shoff + (long)i * shentsize));
                if (BitConverter.ToUInt32(image, sh + 4) != ShtGnuVerneed) continue;
                int secOffset = checked((int)BitConverter.ToInt64(image, sh + 0x18));
                int link = (int)BitConverter.ToUInt32(image, sh + 0x28);
                int count = (int)BitConverter.ToUInt32(image, sh + 0x2C);
                int strSh = checked((int)(shoff + (long)link * shentsize));
                int strOffset = checked((int)BitConverter.ToInt64(image, strSh + 0x18));
                int need = secOffset;
                for (int n = 0; n < count; n++)
                {
                    int auxCount = BitConverter.ToUInt16(image, need + 2);
                    int aux = need + (int)BitConverter.ToUInt32(image, need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        int nameOffset = (int)BitConverter.ToUInt32(image, aux + 8);
                        if (ReadCString(image, strOffset + nameOffset) == versionName)
                        {
                            int flagsOffset = aux + 4;
                            bool weak = (BitConverter.ToUInt16(image, flagsOffset) & VerFlagWeak) != 0;
                            return (flagsOffset, weak);
                        }
                        aux += (int)BitConverter.ToUInt32(image, aux + 12);
                    }
                    need += (int)BitConverter.ToUInt32(image, need + 12);
                }
            }
            return (-1, false);
        }

        static string ReadCString(byte[] image, int start)
        {
            int end = start;
            while (end < image.Length && image[end] != 0) end++;
            return Encoding.ASCII.GetString(image, start, end - start);
        }
    }

#if !AGOP_NATIVEFIX
    /// <summary>MSBuild task: patches every copy of the named library under a folder.</summary>
    public class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required] public string Folder { get; set; } = "";
        public string LibraryName { get; set; } = "libLibTorchSharp.so";
        public string VersionName { get; set; } = "GLIBCXX_3.4.32";

        public override bool Execute()
        {
            if (!Directory.Exists(Folder)) return true;
            foreach (var file in Directory.GetFiles(Folder, LibraryName, SearchOption.AllDirectories))
            {
                var result = ElfVersionNeedPatcher.MarkWeak(file, VersionName);
                if (result == ElfPatchResult.Patched)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, "Marked " + VersionName + " weak in " + file);
            }
            return true;
        }
    }
#endif
}
