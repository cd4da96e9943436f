<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountImportDialog</name>
    <message numerus="yes">
        <source>%n videos added to your history: they are being saved now.</source>
        <translation>
            <numerusform>%n video added to your history: it is being saved now.</numerusform>
            <numerusform>%n videos added to your history: they are being saved now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n of these videos expire within 3 hours: save them now.</source>
        <translation>
            <numerusform>⚠ %n of these videos expires within 3 hours: save it now.</numerusform>
            <numerusform>⚠ %n of these videos expire within 3 hours: save them now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchComposer</name>
    <message numerus="yes">
        <source>{path} — %n rows</source>
        <translation>
            <numerusform>{path} — %n row</numerusform>
            <numerusform>{path} — %n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n takes · {cost}</source>
        <translation>
            <numerusform>%n take · {cost}</numerusform>
            <numerusform>%n takes · {cost}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n need fixing before the batch can be queued</source>
        <translation>
            <numerusform> · %n needs fixing before the batch can be queued</numerusform>
            <numerusform> · %n need fixing before the batch can be queued</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BatchStudio</name>
    <message numerus="yes">
        <source>Queued %n takes (batch {batch}).</source>
        <translation>
            <numerusform>Queued %n take (batch {batch}).</numerusform>
            <numerusform>Queued %n takes (batch {batch}).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>Nothing was queued: {bad} of %n rows need fixing.</source>
        <translation>
            <numerusform>Nothing was queued: {bad} of %n row needs fixing.</numerusform>
            <numerusform>Nothing was queued: {bad} of %n rows need fixing.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n takes as batch {batch} “{name}” ({credits} estimated).</source>
        <translation>
            <numerusform>Queued %n take as batch {batch} “{name}” ({credits} estimated).</numerusform>
            <numerusform>Queued %n takes as batch {batch} “{name}” ({credits} estimated).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n lines to {path}.</source>
        <translation>
            <numerusform>Wrote %n line to {path}.</numerusform>
            <numerusform>Wrote %n lines to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saving %n videos…</source>
        <translation>
            <numerusform>Saving %n video…</numerusform>
            <numerusform>Saving %n videos…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tasks added to the history; the app (or `happyhorse-cli import-account --wait`) saves their videos.</source>
        <translation>
            <numerusform>%n task added to the history; the app (or `happyhorse-cli import-account --wait`) saves its video.</numerusform>
            <numerusform>%n tasks added to the history; the app (or `happyhorse-cli import-account --wait`) saves their videos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Removed %n queued takes; nothing of theirs was sent.</source>
        <translation>
            <numerusform>Removed %n queued take; nothing of it was sent.</numerusform>
            <numerusform>Removed %n queued takes; nothing of theirs was sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Interrupted. %n takes not finished stay in the queue (nothing unsent was charged); the app or `happyhorse-cli queue run` goes on with them.</source>
        <translation>
            <numerusform>Interrupted. %n take not finished stays in the queue (nothing unsent was charged); the app or `happyhorse-cli queue run` goes on with it.</numerusform>
            <numerusform>Interrupted. %n takes not finished stay in the queue (nothing unsent was charged); the app or `happyhorse-cli queue run` goes on with them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stitched %n takes into {path} ({how}, {seconds} s).</source>
        <translation>
            <numerusform>Stitched %n take into {path} ({how}, {seconds} s).</numerusform>
            <numerusform>Stitched %n takes into {path} ({how}, {seconds} s).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Saved {name} (%n frames).</source>
        <translation>
            <numerusform>Saved {name} (%n frame).</numerusform>
            <numerusform>Saved {name} (%n frames).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <source>Removed %n queued takes; nothing was sent.</source>
        <translation>
            <numerusform>Removed %n queued take; nothing was sent.</numerusform>
            <numerusform>Removed %n queued takes; nothing was sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queue %n takes again as new paid tasks, ≈ {cost}?</source>
        <translation>
            <numerusform>Queue %n take again as a new paid task, ≈ {cost}?</numerusform>
            <numerusform>Queue %n takes again as new paid tasks, ≈ {cost}?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Quit</name>
    <message numerus="yes">
        <source>%n tasks are still running on EvoLink. They keep running there (and are billed); HappyHorse resumes following and saving them the next time you start it.</source>
        <translation>
            <numerusform>%n task is still running on EvoLink. It keeps running there (and is billed); HappyHorse resumes following and saving it the next time you start it.</numerusform>
            <numerusform>%n tasks are still running on EvoLink. They keep running there (and are billed); HappyHorse resumes following and saving them the next time you start it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RouteRules</name>
    <message numerus="yes">
        <source>The prompt names character{number}, but there are only %n reference images.</source>
        <translation>
            <numerusform>The prompt names character{number}, but there is only %n reference image.</numerusform>
            <numerusform>The prompt names character{number}, but there are only %n reference images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>image_urls must hold exactly %n image URLs.</source>
        <translation>
            <numerusform>image_urls must hold exactly %n image URL.</numerusform>
            <numerusform>image_urls must hold exactly %n image URLs.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TakeDetails</name>
    <message numerus="yes">
        <source>Take %1 of %n of this shot:</source>
        <translation>
            <numerusform>Take %1 of %n of this shot:</numerusform>
            <numerusform>Take %1 of %n of this shot:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TakeTools</name>
    <message numerus="yes">
        <source>Chain of %n takes · {length} · {credits} credits</source>
        <translation>
            <numerusform>Chain of %n take · {length} · {credits} credits</numerusform>
            <numerusform>Chain of %n takes · {length} · {credits} credits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskTable</name>
    <message numerus="yes">
        <source>%n takes</source>
        <comment>chain</comment>
        <translation>
            <numerusform>%n take</numerusform>
            <numerusform>%n takes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <source>HappyHorse keeps running here: %n tasks still running. Click the icon to open the window; Quit is in its menu.</source>
        <translation>
            <numerusform>HappyHorse keeps running here: %n task still running. Click the icon to open the window; Quit is in its menu.</numerusform>
            <numerusform>HappyHorse keeps running here: %n tasks still running. Click the icon to open the window; Quit is in its menu.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message numerus="yes">
        <source>The prompt is {length} characters; the limit for Chinese text is {limit}. The last %n characters would be cut off.</source>
        <translation>
            <numerusform>The prompt is {length} characters; the limit for Chinese text is {limit}. The last character would be cut off.</numerusform>
            <numerusform>The prompt is {length} characters; the limit for Chinese text is {limit}. The last %n characters would be cut off.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The prompt is {length} characters; the limit for text is {limit}. The last %n characters would be cut off.</source>
        <translation>
            <numerusform>The prompt is {length} characters; the limit for text is {limit}. The last character would be cut off.</numerusform>
            <numerusform>The prompt is {length} characters; the limit for text is {limit}. The last %n characters would be cut off.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The image is animated (%n frames); a still image is needed.</source>
        <translation>
            <numerusform>The image is animated (%n frame); a still image is needed.</numerusform>
            <numerusform>The image is animated (%n frames); a still image is needed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{route} takes {min} to {max} pictures; %n given.</source>
        <translation>
            <numerusform>{route} takes {min} to {max} pictures; %n given.</numerusform>
            <numerusform>{route} takes {min} to {max} pictures; %n given.</numerusform>
        </translation>
    </message>
</context>
</TS>
