"""Lists a zip as the tests of dev.samstage.core.packaging see it, using Python's zipfile
(an independent reader): one line per entry, `name<TAB>octal unix mode<TAB>date_time<TAB>size`,
after checking every entry's CRC.

Usage: python3 zip_listing.py ARCHIVE
"""
import sys
import zipfile


def main():
    with zipfile.ZipFile(sys.argv[1]) as archive:
        bad = archive.testzip()
        if bad is not None:
            print(f"bad CRC in {bad}", file=sys.stderr)
            sys.exit(1)
        for info in archive.infolist():
            mode = info.external_attr >> 16
            stamp = "%04d-%02d-%02dT%02d:%02d:%02d" % info.date_time
            print(f"{info.filename}\t{mode:o}\t{stamp}\t{info.file_size}")


if __name__ == "__main__":
    main()
