<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountImport</name>
    <message>
        <source>EvoLink does not offer this account&apos;s task list to the app (HTTP {status}), so its other videos cannot be found from here. Download them from EvoLink&apos;s dashboard before their 24-hour links expire.</source>
        <translation>EvoLink 不向应用提供这个账户的任务列表（HTTP {status}），因此无法在这里找到账户中的其他视频。请在 24 小时有效的链接过期前，从 EvoLink 控制台下载它们。</translation>
    </message>
</context>
<context>
    <name>AccountImportDialog</name>
    <message>
        <source>Import from my EvoLink account</source>
        <translation>从我的 EvoLink 账户导入</translation>
    </message>
    <message>
        <source>HappyHorse videos made with your account elsewhere (EvoLink&apos;s web playground keeps only 20) that are not in your history. Their links expire 24 hours after they were made: save them here, with their details beside them.</source>
        <translation>用你的账户在其他地方生成、但不在任务历史中的 HappyHorse 视频（EvoLink 网页体验区只保留最近 20 条）。这些视频的链接在生成 24 小时后过期：请把它们连同详细信息一起保存到这里。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>生成方式</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>&amp;Save the checked videos</source>
        <translation>保存勾选的视频(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Look again</source>
        <translation>重新查找(&amp;L)</translation>
    </message>
    <message>
        <source>Looking at your EvoLink account…</source>
        <translation>正在查看你的 EvoLink 账户…</translation>
    </message>
    <message numerus="yes">
        <source>%n videos added to your history: they are being saved now.</source>
        <translation>
            <numerusform>已将 %n 条视频加入历史记录，正在保存。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n of these videos expire within 3 hours: save them now.</source>
        <translation>
            <numerusform>⚠ 其中 %n 条视频将在 3 小时内过期：请立即保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Held back: it may be the answer to your task {id}, whose submission&apos;s outcome is unknown. Check that task first.</source>
        <translation>暂不导入：它可能就是你的任务 {id} 的结果，而该任务的提交结果未知。请先核实那个任务。</translation>
    </message>
    <message>
        <source>Still running: saved when it is done</source>
        <translation>仍在运行：完成后保存</translation>
    </message>
    <message>
        <source>about {hours} h left</source>
        <translation>约剩 {hours} 小时</translation>
    </message>
    <message>
        <source>expires soon</source>
        <translation>即将过期</translation>
    </message>
    <message>
        <source>{count} not in your history</source>
        <translation>{count} 个不在历史记录中</translation>
    </message>
    <message>
        <source>{count} already in it</source>
        <translation>{count} 个已在历史记录中</translation>
    </message>
    <message>
        <source>{count} of other models</source>
        <translation>{count} 个属于其他模型</translation>
    </message>
    <message>
        <source>{count} without a video</source>
        <translation>{count} 个没有视频</translation>
    </message>
    <message>
        <source>{count} whose link has lapsed</source>
        <translation>{count} 个链接已失效</translation>
    </message>
</context>
<context>
    <name>AccountStatus</name>
    <message>
        <source> DEMO — simulated, nothing is billed </source>
        <translation> 演示 — 模拟运行，不产生任何费用 </translation>
    </message>
    <message>
        <source>Balance: …</source>
        <translation>余额：…</translation>
    </message>
    <message>
        <source>Demo key</source>
        <translation>演示密钥</translation>
    </message>
    <message>
        <source>Reading the API key from the keychain…</source>
        <translation>正在从钥匙串读取 API 密钥…</translation>
    </message>
    <message>
        <source>Key unusable — see Settings</source>
        <translation>密钥不可用 — 请查看设置</translation>
    </message>
    <message>
        <source>No API key — File ▸ Settings</source>
        <translation>没有 API 密钥 — 文件 ▸ 设置</translation>
    </message>
    <message>
        <source>Key {key} refused by EvoLink</source>
        <translation>密钥 {key} 被 EvoLink 拒绝</translation>
    </message>
    <message>
        <source>Key {key} (this session only)</source>
        <translation>密钥 {key}（仅限本次运行）</translation>
    </message>
    <message>
        <source>Key {key} (from EVOLINK_API_KEY)</source>
        <translation>密钥 {key}（来自 EVOLINK_API_KEY）</translation>
    </message>
    <message>
        <source>Key {key}</source>
        <translation>密钥 {key}</translation>
    </message>
    <message>
        <source>Balance: no key</source>
        <translation>余额：没有密钥</translation>
    </message>
    <message>
        <source>Balance: {credits} credits</source>
        <translation>余额：{credits} 积分</translation>
    </message>
    <message>
        <source>Balance: key refused</source>
        <translation>余额：密钥被拒绝</translation>
    </message>
    <message>
        <source>Enter a working key in File ▸ Settings.</source>
        <translation>请在“文件 ▸ 设置”中填写可用的密钥。</translation>
    </message>
    <message>
        <source> (set by EVOLINK_API_KEY: change it there, not in Settings)</source>
        <translation>（由 EVOLINK_API_KEY 设置：请在那里修改，而不是在设置中）</translation>
    </message>
    <message>
        <source>The key comes from EVOLINK_API_KEY: change that variable and restart.</source>
        <translation>密钥来自 EVOLINK_API_KEY：请修改该环境变量后重新启动。</translation>
    </message>
    <message>
        <source>Balance: unavailable</source>
        <translation>余额：暂不可用</translation>
    </message>
</context>
<context>
    <name>ApiErrors</name>
    <message>
        <source>asked for task {asked}, got {got}</source>
        <translation>请求的是任务 {asked}，收到的却是 {got}</translation>
    </message>
    <message>
        <source>no API key is set</source>
        <translation>尚未设置 API 密钥</translation>
    </message>
    <message>
        <source>expected JSON, got {type}</source>
        <translation>应为 JSON，收到的是 {type}</translation>
    </message>
    <message>
        <source>an error reply with status 2xx</source>
        <translation>状态码为 2xx 的错误回复</translation>
    </message>
    <message>
        <source>non-JSON reply ({type})</source>
        <translation>回复不是 JSON（{type}）</translation>
    </message>
    <message>
        <source>The API key was refused</source>
        <translation>API 密钥被拒绝</translation>
    </message>
    <message>
        <source>Check the key in Settings.</source>
        <translation>请在设置中检查密钥。</translation>
    </message>
    <message>
        <source>Not enough credits on the EvoLink account</source>
        <translation>EvoLink 账户积分不足</translation>
    </message>
    <message>
        <source>Top up, then try again.</source>
        <translation>请充值后重试。</translation>
    </message>
    <message>
        <source>This API key may not use this model or this task</source>
        <translation>此 API 密钥无权使用该模型或该任务</translation>
    </message>
    <message>
        <source>Check the key&apos;s permissions.</source>
        <translation>请检查密钥的权限。</translation>
    </message>
    <message>
        <source>EvoLink does not know this task</source>
        <translation>EvoLink 找不到这个任务</translation>
    </message>
    <message>
        <source>It may have expired.</source>
        <translation>它可能已过期。</translation>
    </message>
    <message>
        <source>EvoLink is rate-limiting requests</source>
        <translation>EvoLink 正在限制请求频率</translation>
    </message>
    <message>
        <source>The app slows down and retries.</source>
        <translation>应用会放慢速度并自动重试。</translation>
    </message>
    <message>
        <source>EvoLink refused the request parameters</source>
        <translation>EvoLink 拒绝了请求参数</translation>
    </message>
    <message>
        <source>Check the settings.</source>
        <translation>请检查设置。</translation>
    </message>
    <message>
        <source>The file is too large for EvoLink</source>
        <translation>文件太大，EvoLink 无法接收</translation>
    </message>
    <message>
        <source>Use a smaller image.</source>
        <translation>请换一张更小的图片。</translation>
    </message>
    <message>
        <source>EvoLink had a server error</source>
        <translation>EvoLink 服务器出错</translation>
    </message>
    <message>
        <source>Try again later.</source>
        <translation>请稍后再试。</translation>
    </message>
    <message>
        <source>Could not reach EvoLink</source>
        <translation>无法连接到 EvoLink</translation>
    </message>
    <message>
        <source>Check the internet connection.</source>
        <translation>请检查网络连接。</translation>
    </message>
    <message>
        <source>EvoLink sent a reply the app could not understand</source>
        <translation>EvoLink 返回了应用无法识别的回复</translation>
    </message>
    <message>
        <source>The video could not be downloaded</source>
        <translation>视频无法下载</translation>
    </message>
    <message>
        <source>The app retries while the link is valid.</source>
        <translation>链接有效期内应用会自动重试。</translation>
    </message>
    <message>
        <source>The video could not be saved to disk</source>
        <translation>视频无法保存到磁盘</translation>
    </message>
    <message>
        <source>Free some space or pick another folder.</source>
        <translation>请清理磁盘空间或换一个文件夹。</translation>
    </message>
    <message>
        <source>{what} ({codes})</source>
        <translation>{what}（{codes}）</translation>
    </message>
    <message>
        <source>{what}: {detail}</source>
        <translation>{what}：{detail}</translation>
    </message>
    <message>
        <source>{what}. {advice}</source>
        <translation>{what}。{advice}</translation>
    </message>
    <message>
        <source>expected a task object, got {type}</source>
        <translation>应为任务对象，收到的是 {type}</translation>
    </message>
    <message>
        <source>the task reply has no id</source>
        <translation>任务回复中没有 id</translation>
    </message>
    <message>
        <source>the batch reply has no data list</source>
        <translation>批量查询的回复中没有 data 列表</translation>
    </message>
    <message>
        <source>the upload reply is not an object</source>
        <translation>上传回复不是对象</translation>
    </message>
    <message>
        <source>upload refused: {reason} (code {code})</source>
        <translation>上传被拒绝：{reason}（代码 {code}）</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>the upload reply has no usable file_url</source>
        <translation>上传回复中没有可用的 file_url</translation>
    </message>
    <message>
        <source>the credits reply is not an object</source>
        <translation>积分查询的回复不是对象</translation>
    </message>
    <message>
        <source>the credits reply has neither user nor token balance</source>
        <translation>积分查询的回复中既没有账户余额也没有密钥余额</translation>
    </message>
</context>
<context>
    <name>Batch</name>
    <message>
        <source>The file is not UTF-8 text; save it as CSV (UTF-8).</source>
        <translation>文件不是 UTF-8 文本；请另存为 CSV（UTF-8）格式。</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}.</source>
        <translation>无法读取文件：{reason}。</translation>
    </message>
    <message>
        <source>The file is empty; it needs a header row naming its columns.</source>
        <translation>文件是空的；第一行必须是列出各列名称的标题行。</translation>
    </message>
    <message>
        <source>The first row must name the columns, including “image”, “prompt” or “video” (found: {found}).</source>
        <translation>第一行必须列出各列名称，其中至少包括“image”（图片）、“prompt”（提示词）或“video”（视频）之一（实际为：{found}）。</translation>
    </message>
    <message>
        <source>{route} takes no video: empty the “video” cell, or set “model” to {edit}</source>
        <translation>{route}不接受视频：请清空“video”（视频）单元格，或把“model”（模型）设为 {edit}</translation>
    </message>
    <message>
        <source>no video to edit (the “video” cell is empty): give the path of an MP4 or MOV file</source>
        <translation>没有要编辑的视频（“video”（视频）单元格为空）：请填写 MP4 或 MOV 文件的路径</translation>
    </message>
    <message>
        <source>the video to edit must be a local file in a batch (its length sets the cost the budget counts): download it and give its path</source>
        <translation>批量任务中要编辑的视频必须是本地文件（费用按它的时长计算，并计入预算）：请先下载，再填写它的路径</translation>
    </message>
    <message>
        <source>{route} takes no aspect ratio (the video keeps the shape of its input): empty the “aspect_ratio” cell</source>
        <translation>{route}不接受宽高比（视频保持输入素材的画面比例）：请清空“aspect_ratio”（宽高比）单元格</translation>
    </message>
    <message>
        <source>{route} takes no duration (the result is as long as its source video, at most 15 s): empty the “duration” cell</source>
        <translation>{route}不接受时长（结果与源视频等长，最长 15 秒）：请清空“duration”（时长）单元格</translation>
    </message>
    <message>
        <source>only “Edit a video” keeps the original sound: empty the “keep_original_sound” cell</source>
        <translation>只有“视频编辑”可以保留原声：请清空“keep_original_sound”（保留原声）单元格</translation>
    </message>
    <message>
        <source>{route} takes no pictures: empty the “image” cell, or set “model” to a route that takes them</source>
        <translation>{route}不接受图片：请清空“image”（图片）单元格，或把“model”（模型）设为接受图片的生成方式</translation>
    </message>
    <message>
        <source>no image (the “image” cell is empty): {route} starts from a picture; add one, or set “model” to a text-to-video model</source>
        <translation>没有图片（“image”（图片）单元格为空）：{route}需要从一张图片开始；请添加图片，或把“model”（模型）设为文生视频模型</translation>
    </message>
    <message>
        <source>{route} takes one picture, the “image” cell names {count}: keep one, or set “model” to a reference-to-video model</source>
        <translation>{route}只接受一张图片，而“image”（图片）单元格中有 {count} 张：请只保留一张，或把“model”（模型）设为参考图生视频模型</translation>
    </message>
    <message>
        <source>no pictures (the “image” cell is empty): {route} needs {min} to {max}, separated by “|”</source>
        <translation>没有图片（“image”（图片）单元格为空）：{route}需要 {min} 到 {max} 张，用“|”分隔</translation>
    </message>
    <message>
        <source>{route} takes at most {max} pictures, the “image” cell names {count}</source>
        <translation>{route}最多接受 {max} 张图片，而“image”（图片）单元格中有 {count} 张</translation>
    </message>
    <message>
        <source>HappyHorse {version} does not take the batch&apos;s aspect ratio {ratio}: write one of {ratios} in the “aspect_ratio” cell</source>
        <translation>HappyHorse {version} 不支持本批次的宽高比 {ratio}：请在“aspect_ratio”（宽高比）单元格中填写 {ratios} 之一</translation>
    </message>
    <message>
        <source>keep_original_sound must be yes or no, not {value}</source>
        <translation>“keep_original_sound”（保留原声）只能填 yes 或 no，而不是 {value}</translation>
    </message>
    <message>
        <source>The file has a header but no takes.</source>
        <translation>文件只有标题行，没有任何镜头。</translation>
    </message>
    <message>
        <source>row {number}</source>
        <translation>第 {number} 行</translation>
    </message>
    <message>
        <source>the {name} must be a whole number, not {value}</source>
        <translation>“{name}”列必须是整数，而不是 {value}</translation>
    </message>
    <message>
        <source>Line {number} of the variables is not “name = value | value”.</source>
        <translation>变量的第 {number} 行不是“名称 = 值 | 值”的格式（名称只能包含英文字母、数字和下划线）。</translation>
    </message>
    <message>
        <source>The prompt uses {names} but no values are given for it.</source>
        <translation>提示词用到了 {names}，但没有为它提供取值。</translation>
    </message>
    <message>
        <source>{part} is not a seed or a range of seeds.</source>
        <translation>{part} 不是种子，也不是种子范围。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>BatchComposer</name>
    <message>
        <source>New batch</source>
        <translation>新建批次</translation>
    </message>
    <message>
        <source>Pictures × prompts × seeds</source>
        <translation>图片 × 提示词 × 种子</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>Fix all pictures</source>
        <translation>修正所有图片</translation>
    </message>
    <message>
        <source>Writes fixed copies (padded to a legal shape, converted, smaller).</source>
        <translation>生成修正后的副本（补边至允许的宽高比、转换格式、缩小）。</translation>
    </message>
    <message>
        <source>Remove bad takes</source>
        <translation>移除有问题的镜头</translation>
    </message>
    <message>
        <source>Queue all</source>
        <translation>全部加入队列</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import a CSV file…</source>
        <translation>导入 CSV 文件…</translation>
    </message>
    <message>
        <source>Import takes</source>
        <translation>导入镜头</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>{name}: {problem}</source>
        <translation>{name}：{problem}</translation>
    </message>
    <message numerus="yes">
        <source>{path} — %n rows</source>
        <translation>
            <numerusform>{path} — %n 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n takes · {cost}</source>
        <translation>
            <numerusform>%n 个镜头 · {cost}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n need fixing before the batch can be queued</source>
        <translation>
            <numerusform> · 有 %n 个需要修正后才能加入队列</numerusform>
        </translation>
    </message>
    <message>
        <source>No takes yet: add pictures and prompts, or import a CSV file.</source>
        <translation>还没有镜头：请添加图片和提示词，或导入 CSV 文件。</translation>
    </message>
    <message>
        <source>A header row naming the columns image, prompt, model, quality, duration, seed, aspect_ratio, video, keep_original_sound (other columns are ignored). “image” is a path relative to the file, or an http(s) link; several pictures (reference-to-video, a video edit&apos;s references) are separated by “|”. “video” is the local MP4 or MOV file to edit. An empty cell takes the settings below.</source>
        <translation>第一行是列名：image（图片）、prompt（提示词）、model（模型）、quality（画质）、duration（时长）、seed（种子）、aspect_ratio（宽高比）、video（视频）、keep_original_sound（保留原声），其他列会被忽略。“image”（图片）列填写相对于该文件的路径或 http(s) 链接；多张图片（参考图生视频，或视频编辑的参考图）用“|”分隔。“video”（视频）列填写要编辑的本地 MP4 或 MOV 文件。留空的单元格使用下方的设置。</translation>
    </message>
    <message>
        <source> · checking…</source>
        <translation> · 正在检查…</translation>
    </message>
</context>
<context>
    <name>BatchSettings</name>
    <message>
        <source>The shape of the videos (an empty “aspect_ratio” cell takes it)</source>
        <translation>视频的画面比例（“aspect_ratio”（宽高比）单元格留空时使用此值）</translation>
    </message>
    <message>
        <source>Keep the original sound</source>
        <translation>保留原声</translation>
    </message>
    <message>
        <source>Otherwise EvoLink makes new audio for the edited video.</source>
        <translation>否则 EvoLink 会为编辑后的视频生成新的音频。</translation>
    </message>
    <message>
        <source>Batch name</source>
        <translation>批次名称</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>不限预算</translation>
    </message>
    <message>
        <source> credits</source>
        <translation> 积分</translation>
    </message>
    <message>
        <source>The queue pauses rather than let this batch spend more.</source>
        <translation>达到预算时队列会暂停，不让这个批次超支。</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>预算</translation>
    </message>
</context>
<context>
    <name>BatchStudio</name>
    <message>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>批量(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;New batch…</source>
        <translation>新建批次(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Import a CSV file…</source>
        <translation>导入 CSV 文件(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Pause the queue</source>
        <translation>暂停队列(&amp;P)</translation>
    </message>
    <message>
        <source>Show the &amp;queue</source>
        <translation>显示队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Cost &amp;ledger…</source>
        <translation>费用明细(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Resume the queue</source>
        <translation>恢复队列(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n takes (batch {batch}).</source>
        <translation>
            <numerusform>已将 %n 个镜头加入队列（批次 {batch}）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue finished</source>
        <translation>队列已完成</translation>
    </message>
</context>
<context>
    <name>Chains</name>
    <message>
        <source>There is no task {id} in the history.</source>
        <translation>历史记录中没有任务 {id}。</translation>
    </message>
    <message>
        <source>Task {id} is not finished.</source>
        <translation>任务 {id} 尚未完成。</translation>
    </message>
    <message>
        <source>The video of task {id} is not on disk.</source>
        <translation>任务 {id} 的视频不在磁盘上。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>HappyHorse video generation from the terminal.</source>
        <translation>在终端中使用 HappyHorse 生成视频。</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
    <message>
        <source>use a private simulator; nothing is billed</source>
        <translation>使用本地模拟器，不产生任何费用</translation>
    </message>
    <message>
        <source>the resolution</source>
        <translation>画质（分辨率）</translation>
    </message>
    <message>
        <source>the first frame of the video (image-to-video)</source>
        <translation>视频的第一帧（图生视频）</translation>
    </message>
    <message>
        <source>the route (default {model}): {models}</source>
        <translation>生成方式（默认 {model}）：{models}</translation>
    </message>
    <message>
        <source>what should happen in the video (or the edit)</source>
        <translation>视频中要发生的事（或要做的编辑）</translation>
    </message>
    <message>
        <source>a picture; repeat it for reference-to-video (character1, character2… in this order, up to 9) or for video-edit&apos;s references (up to 5)</source>
        <translation>一张图片；参考图生视频可重复此参数（依次对应 character1、character2…，最多 9 张），视频编辑的参考图也可重复（最多 5 张）</translation>
    </message>
    <message>
        <source>the video to edit: an MP4 or MOV file, or an http(s) URL</source>
        <translation>要编辑的视频：MP4 或 MOV 文件，或 http(s) 网址</translation>
    </message>
    <message>
        <source>text- and reference-to-video: 16:9 (default), 9:16, 1:1, 4:3, 3:4; 1.1 also 4:5…</source>
        <translation>文生视频和参考图生视频：16:9（默认）、9:16、1:1、4:3、3:4；1.1 版还支持 4:5…</translation>
    </message>
    <message>
        <source>video-edit: keep the source&apos;s sound instead of new audio</source>
        <translation>视频编辑：保留源视频的声音，不生成新的音频</translation>
    </message>
    <message>
        <source>seconds, 3-15 (default 5); video-edit takes none</source>
        <translation>秒数，3-15（默认 5）；视频编辑不接受此参数</translation>
    </message>
    <message>
        <source>1-2147483647; random when omitted</source>
        <translation>1-2147483647；不填则随机</translation>
    </message>
    <message>
        <source>an https address EvoLink calls when the task ends</source>
        <translation>任务结束时 EvoLink 调用的 https 回调地址</translation>
    </message>
    <message>
        <source>{model} takes no pictures (IMAGE_OR_URL, --image).</source>
        <translation>{model} 不接受图片（IMAGE_OR_URL、--image）。</translation>
    </message>
    <message>
        <source>{model} takes no video; edit one with --model {edit}.</source>
        <translation>{model} 不接受视频；要编辑视频，请使用 --model {edit}。</translation>
    </message>
    <message>
        <source>{model} takes no --aspect-ratio: the video keeps the shape of its input.</source>
        <translation>{model} 不接受 --aspect-ratio：视频保持输入素材的画面比例。</translation>
    </message>
    <message>
        <source>{model} takes no --duration: the result is as long as its source video (at most 15 s).</source>
        <translation>{model} 不接受 --duration：结果与源视频一样长（最多 15 秒）。</translation>
    </message>
    <message>
        <source>--keep-original-sound is for video-edit only.</source>
        <translation>--keep-original-sound 仅用于视频编辑。</translation>
    </message>
    <message>
        <source>wait until the video is saved</source>
        <translation>等待视频保存完毕</translation>
    </message>
    <message>
        <source>print the task as JSON</source>
        <translation>以 JSON 格式输出任务</translation>
    </message>
    <message>
        <source>list tasks, newest first</source>
        <translation>列出任务，最新的在前</translation>
    </message>
    <message>
        <source>how many tasks to list</source>
        <translation>列出多少个任务</translation>
    </message>
    <message>
        <source>print the tasks as JSON</source>
        <translation>以 JSON 格式输出任务</translation>
    </message>
    <message>
        <source>show one task by local id or task id</source>
        <translation>按本地编号或任务 ID 显示一个任务</translation>
    </message>
    <message>
        <source>a local id (1, 2…) or an EvoLink task id</source>
        <translation>本地编号（1、2…）或 EvoLink 任务 ID</translation>
    </message>
    <message>
        <source>show the account balance</source>
        <translation>显示账户余额</translation>
    </message>
    <message>
        <source>keep an unreadable task history aside (renamed, not deleted) and start a fresh one</source>
        <translation>将无法读取的任务历史移到一旁（重命名，不删除），并开始新的历史记录</translation>
    </message>
    <message>
        <source>error: {problem}</source>
        <translation>错误：{problem}</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>警告：{message}</translation>
    </message>
    <message>
        <source>submit a task on any route (a picture, a prompt, references or a video)</source>
        <translation>以任一生成方式提交任务（图片、提示词、参考图或视频）</translation>
    </message>
    <message>
        <source>Submitting (the cost depends on the video&apos;s length; EvoLink will say)…</source>
        <translation>正在提交（费用取决于视频时长，以 EvoLink 的计费为准）…</translation>
    </message>
    <message>
        <source>Submitting ({credits} credits estimated)…</source>
        <translation>正在提交（预计 {credits} 积分）…</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>Task {id} submitted as {task}.</source>
        <translation>任务 {id} 已提交，EvoLink 任务 ID 为 {task}。</translation>
    </message>
    <message>
        <source>{state} — {reason} (retrying)</source>
        <translation>{state} — {reason}（正在重试）</translation>
    </message>
    <message>
        <source>{state} — no longer followed (stopped in the app); waiting until it is resumed</source>
        <translation>{state} — 已不再跟踪（已在应用中停止跟踪）；等待恢复跟踪</translation>
    </message>
    <message>
        <source>Interrupted. Nothing was sent.</source>
        <translation>已中断。没有发送任何内容。</translation>
    </message>
    <message>
        <source>Interrupted before it was sent: nothing was charged. Task {id} is kept in the history; send it with `happyhorse-cli send {id}` (or “Submit now” in the app), or drop it with `happyhorse-cli discard {id}`. No other process sends it on its own.</source>
        <translation>在发送之前已中断：未扣除任何积分。任务 {id} 保留在历史记录中；可用 `happyhorse-cli send {id}` 发送（或在应用中点击“立即提交”），也可用 `happyhorse-cli discard {id}` 丢弃。其他进程不会自行发送它。</translation>
    </message>
    <message>
        <source>Interrupted. The video is not saved: {reason}</source>
        <translation>已中断。视频尚未保存：{reason}</translation>
    </message>
    <message>
        <source>Interrupted while saving the video of task {task}: it is not saved yet. The app or the next `happyhorse-cli submit --wait` saves it (its link lasts 24 hours).</source>
        <translation>保存任务 {task} 的视频时被中断：视频尚未保存。应用或下一次 `happyhorse-cli submit --wait` 会保存它（链接 24 小时内有效）。</translation>
    </message>
    <message>
        <source>Interrupted. Task {id} was submitted as {task} and keeps running on EvoLink (and is billed); the app or the next `happyhorse-cli submit --wait` saves its video.</source>
        <translation>已中断。任务 {id} 已提交为 {task}，将继续在 EvoLink 上运行（并计费）；应用或下一次 `happyhorse-cli submit --wait` 会保存它的视频。</translation>
    </message>
    <message>
        <source>Interrupted. {message}</source>
        <translation>已中断。{message}</translation>
    </message>
    <message>
        <source>There is no task history at {path}.</source>
        <translation>{path} 处没有任务历史。</translation>
    </message>
    <message>
        <source>The history was moved to {kept}; the next start begins a fresh one.</source>
        <translation>历史记录已移至 {kept}；下次启动时将开始新的历史记录。</translation>
    </message>
    <message>
        <source>error: no API key. Set EVOLINK_API_KEY, save a key in the app&apos;s Settings, or use --demo.</source>
        <translation>错误：没有 API 密钥。请设置 EVOLINK_API_KEY，在应用的设置中保存密钥，或使用 --demo。</translation>
    </message>
    <message>
        <source>Balance: {credits} credits</source>
        <translation>余额：{credits} 积分</translation>
    </message>
    <message>
        <source>This key: unlimited</source>
        <translation>此密钥：无限额</translation>
    </message>
    <message>
        <source>This key: {credits} credits left</source>
        <translation>此密钥：剩余 {credits} 积分</translation>
    </message>
    <message>
        <source>No tasks yet.</source>
        <translation>还没有任务。</translation>
    </message>
    <message>
        <source>error: no task {id} in the history</source>
        <translation>错误：历史记录中没有任务 {id}</translation>
    </message>
    <message>
        <source>Interrupted. Submitted tasks keep running; the app resumes them. A submission cut off while on its way is looked for on EvoLink the next time the app or `happyhorse-cli submit` starts (it is never sent again).</source>
        <translation>已中断。已提交的任务会继续运行，应用会接着跟进。发送途中被中断的提交，会在下次启动应用或 `happyhorse-cli submit` 时到 EvoLink 上查找（绝不会重新发送）。</translation>
    </message>
    <message>
        <source>Local id</source>
        <translation>本地编号</translation>
    </message>
    <message>
        <source>Task id</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>生成方式</translation>
    </message>
    <message>
        <source>Quality / duration</source>
        <translation>画质 / 时长</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Credits reserved</source>
        <translation>预扣积分</translation>
    </message>
    <message>
        <source>Credits charged</source>
        <translation>实扣积分</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Aspect ratio</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>Source video</source>
        <translation>源视频</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>声音</translation>
    </message>
    <message>
        <source>the source&apos;s own, kept</source>
        <translation>保留源视频的声音</translation>
    </message>
    <message>
        <source>tasks running at once, 1-10 (a shared setting: the window uses it too)</source>
        <translation>同时运行的任务数，1-10（共享设置：窗口也使用它）</translation>
    </message>
    <message>
        <source>credits this batch may spend at most</source>
        <translation>这个批次最多可花费的积分</translation>
    </message>
    <message>
        <source>the batch&apos;s name (default: the file&apos;s name)</source>
        <translation>批次名称（默认：文件名）</translation>
    </message>
    <message>
        <source>for empty cells</source>
        <translation>用于空单元格</translation>
    </message>
    <message>
        <source>for empty cells, 3-15 seconds</source>
        <translation>用于空单元格，3-15 秒</translation>
    </message>
    <message>
        <source>for empty cells of text- and reference-to-video rows (default 16:9)</source>
        <translation>用于文生视频和参考图生视频行中留空的单元格（默认 16:9）</translation>
    </message>
    <message>
        <source>for empty cells of video-edit rows</source>
        <translation>用于视频编辑行中留空的单元格</translation>
    </message>
    <message>
        <source>wait until every take is finished and saved</source>
        <translation>等待每个镜头都完成并保存</translation>
    </message>
    <message>
        <source>print the batch&apos;s takes as JSON</source>
        <translation>以 JSON 格式输出批次中的镜头</translation>
    </message>
    <message>
        <source>credits spent per day, week or month, model and quality</source>
        <translation>按天、周或月以及模型和画质统计花费的积分</translation>
    </message>
    <message>
        <source>write the ledger to a CSV file</source>
        <translation>把费用明细写入 CSV 文件</translation>
    </message>
    <message>
        <source>--concurrency must be between 1 and 10.</source>
        <translation>--concurrency 必须在 1 到 10 之间。</translation>
    </message>
    <message>
        <source>--budget must be a positive number of credits.</source>
        <translation>--budget 必须是正数（单位：积分）。</translation>
    </message>
    <message>
        <source>error: {line}</source>
        <translation>错误：{line}</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was queued: {bad} of %n rows need fixing.</source>
        <translation>
            <numerusform>没有加入队列：%n 行中有 {bad} 行需要修正。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n takes as batch {batch} “{name}” ({credits} estimated).</source>
        <translation>
            <numerusform>已将 %n 个镜头加入队列，批次 {batch}“{name}”（预计 {credits}）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n lines to {path}.</source>
        <translation>
            <numerusform>已向 {path} 写入 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>warning: {origin}: {message}</source>
        <translation>警告：{origin}：{message}</translation>
    </message>
    <message>
        <source>queue every take of a CSV file (columns {columns}; several pictures in a cell: {separator})</source>
        <translation>把 CSV 文件中的每个镜头加入队列（列：{columns}；同一单元格中的多张图片用 {separator} 分隔）</translation>
    </message>
    <message>
        <source>The app, `happyhorse-cli queue run` or `batch --wait` sends them.</source>
        <translation>由应用、`happyhorse-cli queue run` 或 `batch --wait` 发送它们。</translation>
    </message>
    <message>
        <source>Nothing spent yet.</source>
        <translation>还没有任何花费。</translation>
    </message>
    <message>
        <source>continue a finished take from its last frame</source>
        <translation>从已完成镜头的最后一帧续接</translation>
    </message>
    <message>
        <source>the new take&apos;s prompt (default: the same)</source>
        <translation>新镜头的提示词（默认与原镜头相同）</translation>
    </message>
    <message>
        <source>Continuing from the frame at {seconds} s ({path}).</source>
        <translation>从 {seconds} 秒处的画面续接（{path}）。</translation>
    </message>
    <message>
        <source>save the account&apos;s other HappyHorse videos (made in EvoLink&apos;s playground…)</source>
        <translation>保存账户中的其他 HappyHorse 视频（在 EvoLink 体验区等处生成的）</translation>
    </message>
    <message>
        <source>save the videos now and wait until they are saved</source>
        <translation>立即保存视频并等待保存完毕</translation>
    </message>
    <message>
        <source>print the imported tasks as JSON</source>
        <translation>以 JSON 格式输出导入的任务</translation>
    </message>
    <message>
        <source>held back: it may be task {id}, whose submission&apos;s outcome is unknown (see `show {id}`)</source>
        <translation>暂不导入：它可能就是任务 {id}，而该任务的提交结果未知（见 `show {id}`）</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>仍在运行</translation>
    </message>
    <message>
        <source>about {hours} h left</source>
        <translation>约剩 {hours} 小时</translation>
    </message>
    <message>
        <source>WARNING: its link expires within 3 hours</source>
        <translation>警告：链接将在 3 小时内过期</translation>
    </message>
    <message>
        <source>{count} already in your history</source>
        <translation>{count} 个已在历史记录中</translation>
    </message>
    <message>
        <source>{count} of other models (not imported)</source>
        <translation>{count} 个属于其他模型（不导入）</translation>
    </message>
    <message>
        <source>{count} ended without a video</source>
        <translation>{count} 个结束时没有视频</translation>
    </message>
    <message>
        <source>{count} whose 24-hour link has lapsed</source>
        <translation>{count} 个的 24 小时链接已失效</translation>
    </message>
    <message>
        <source>Nothing to import.</source>
        <translation>没有可导入的内容。</translation>
    </message>
    <message numerus="yes">
        <source>Saving %n videos…</source>
        <translation>
            <numerusform>正在保存 %n 条视频…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tasks added to the history; the app (or `happyhorse-cli import-account --wait`) saves their videos.</source>
        <translation>
            <numerusform>已将 %n 个任务加入历史记录；应用（或 `happyhorse-cli import-account --wait`）会保存其视频。</numerusform>
        </translation>
    </message>
    <message>
        <source>the batch queue: list, pause, resume, clear, or run it</source>
        <translation>批量队列：列出、暂停、恢复、清空或运行</translation>
    </message>
    <message>
        <source>run: send queued takes until the queue is empty or paused, saving every video</source>
        <translation>run：发送队列中的镜头，直到队列清空或暂停，并保存每条视频</translation>
    </message>
    <message>
        <source>print as JSON</source>
        <translation>以 JSON 格式输出</translation>
    </message>
    <message>
        <source>{queued} queued · {running} of {limit} running · today {spent} credits</source>
        <translation>排队中 {queued} 个 · 运行中 {running}/{limit} 个 · 今日 {spent} 积分</translation>
    </message>
    <message>
        <source>Waiting after a refusal: the next take goes at {time}.</source>
        <translation>请求被拒绝，正在等待：下一个镜头将于 {time} 发送。</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n queued takes; nothing of theirs was sent.</source>
        <translation>
            <numerusform>已移除 %n 个排队中的镜头；没有发送过任何内容。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Interrupted. %n takes not finished stay in the queue (nothing unsent was charged); the app or `happyhorse-cli queue run` goes on with them.</source>
        <translation>
            <numerusform>已中断。%n 个未完成的镜头留在队列中（未发送的不会扣费）；应用或 `happyhorse-cli queue run` 会继续处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>  {saved} saved, {failed} failed, {running} under way, {queued} queued</source>
        <translation>  已保存 {saved} 个，失败 {failed} 个，进行中 {running} 个，排队中 {queued} 个</translation>
    </message>
    <message>
        <source>Spent: {credits}.</source>
        <translation>已花费：{credits}。</translation>
    </message>
    <message>
        <source>join finished takes into one MP4</source>
        <translation>把已完成的镜头拼接成一个 MP4</translation>
    </message>
    <message>
        <source>the takes, in order</source>
        <translation>要拼接的镜头，按顺序排列</translation>
    </message>
    <message>
        <source>the MP4 file to write</source>
        <translation>要写入的 MP4 文件</translation>
    </message>
    <message>
        <source>keep the first frame of a continuation (it repeats the frame before)</source>
        <translation>保留续接镜头的第一帧（它与前一帧重复）</translation>
    </message>
    <message>
        <source>re-encode even when a copy would do</source>
        <translation>即使可以直接复制也重新编码</translation>
    </message>
    <message>
        <source>replace the output file if it exists</source>
        <translation>输出文件已存在时替换它</translation>
    </message>
    <message>
        <source>name at least two takes</source>
        <translation>请至少指定两个镜头</translation>
    </message>
    <message>
        <source>the output must be an .mp4 file</source>
        <translation>输出必须是 .mp4 文件</translation>
    </message>
    <message>
        <source>error: {path} exists (use --force to replace it)</source>
        <translation>错误：{path} 已存在（使用 --force 可替换）</translation>
    </message>
    <message>
        <source>lossless</source>
        <translation>无损</translation>
    </message>
    <message>
        <source>re-encoded</source>
        <translation>重新编码</translation>
    </message>
    <message numerus="yes">
        <source>Stitched %n takes into {path} ({how}, {seconds} s).</source>
        <translation>
            <numerusform>已将 %n 个镜头拼接为 {path}（{how}，{seconds} 秒）。</numerusform>
        </translation>
    </message>
    <message>
        <source>note: these takes are re-encoded, and a re-encoded join has no sound: the sound of {ids} is left out.</source>
        <translation>注意：这些镜头将被重新编码，而重新编码拼接的视频没有声音：{ids} 的声音会被舍弃。</translation>
    </message>
    <message>
        <source>check the connection to EvoLink step by step (proxy, TLS, key, files host, downloads)</source>
        <translation>逐步检查与 EvoLink 的连接（代理、TLS、密钥、文件服务器、下载）</translation>
    </message>
    <message>
        <source>The connection fails at the step marked ✗.</source>
        <translation>连接在标有 ✗ 的步骤失败。</translation>
    </message>
    <message>
        <source>send a task that was interrupted before it was sent (“Submit now”)</source>
        <translation>发送一个在发送前被中断的任务（“立即提交”）</translation>
    </message>
    <message>
        <source>remove a task that was interrupted before it was sent</source>
        <translation>移除一个在发送前被中断的任务</translation>
    </message>
    <message>
        <source>error: task {id} was not interrupted before it was sent; nothing to do.</source>
        <translation>错误：任务 {id} 并非在发送前被中断，无需处理。</translation>
    </message>
    <message>
        <source>error: another HappyHorse window or command is working on this task.</source>
        <translation>错误：另一个 HappyHorse 窗口或命令正在处理此任务。</translation>
    </message>
    <message>
        <source>Task {id} discarded; nothing was charged.</source>
        <translation>任务 {id} 已丢弃；未扣除任何积分。</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Compare takes</source>
        <translation>对比镜头</translation>
    </message>
    <message>
        <source>Play / pause all</source>
        <translation>全部播放 / 暂停</translation>
    </message>
    <message>
        <source>One frame back</source>
        <translation>后退一帧</translation>
    </message>
    <message>
        <source>One frame forward</source>
        <translation>前进一帧</translation>
    </message>
    <message>
        <source>A/B &amp;wipe</source>
        <translation>A/B 滑动对比(&amp;W)</translation>
    </message>
</context>
<context>
    <name>ComposeTab</name>
    <message>
        <source>Add pictures…</source>
        <translation>添加图片…</translation>
    </message>
    <message>
        <source>Add a folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>One prompt per block, a blank line between blocks. {animal} is filled from a variable.</source>
        <translation>每段一个提示词，段与段之间空一行。{animal} 会用变量的值填入。</translation>
    </message>
    <message>
        <source>animal = horse | zebra | unicorn</source>
        <translation>animal = 马 | 斑马 | 独角兽</translation>
    </message>
    <message>
        <source>Random seeds, per picture and prompt:</source>
        <translation>随机种子，每组图片和提示词的个数：</translation>
    </message>
    <message>
        <source>These seeds:</source>
        <translation>指定种子：</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Variables</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>Text → Video takes no pictures: every prompt (and seed) is a take; the prompt is the video.</source>
        <translation>文生视频不接受图片：每条提示词（及每个种子）生成一个镜头；提示词决定整段视频。</translation>
    </message>
    <message>
        <source>Pictures, one take each (drop files or folders here)</source>
        <translation>图片，每张生成一个镜头（把文件或文件夹拖到这里）</translation>
    </message>
    <message>
        <source>Reference pictures, in order: character1, character2… (up to 9; every take uses them all)</source>
        <translation>参考图片，按顺序对应 character1、character2…（最多 9 张；每个镜头都使用全部图片）</translation>
    </message>
    <message>
        <source>Videos to edit, MP4 or MOV, one take each (drop files or folders here)</source>
        <translation>要编辑的视频（MP4 或 MOV），每个生成一个镜头（把文件或文件夹拖到这里）</translation>
    </message>
    <message>
        <source>Add videos…</source>
        <translation>添加视频…</translation>
    </message>
    <message>
        <source>Add videos to edit</source>
        <translation>添加要编辑的视频</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov)</source>
        <translation>视频 (*.mp4 *.mov)</translation>
    </message>
    <message>
        <source>Add pictures</source>
        <translation>添加图片</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.webp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
    <message>
        <source>Add a folder of videos</source>
        <translation>添加视频文件夹</translation>
    </message>
    <message>
        <source>Add a folder of pictures</source>
        <translation>添加图片文件夹</translation>
    </message>
    <message>
        <source>Type at least one seed, or choose random seeds.</source>
        <translation>请至少输入一个种子，或选择随机种子。</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>&lt;b&gt;&amp;Prompt&lt;/b&gt;</source>
        <translation>&lt;b&gt;提示词(&amp;P)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Generate video</source>
        <translation>生成视频(&amp;G)</translation>
    </message>
    <message>
        <source>Submit (Ctrl+Enter)</source>
        <translation>提交（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Estimated cost: unknown for this model</source>
        <translation>预计费用：此模型暂无价格</translation>
    </message>
    <message>
        <source>Estimated cost: &lt;b&gt;{credits} credits&lt;/b&gt; (≈ {dollars})</source>
        <translation>预计费用：&lt;b&gt;{credits} 积分&lt;/b&gt;（≈ {dollars}）</translation>
    </message>
    <message>
        <source>Describe the motion: “the horse gallops through the surf at sunset, camera tracking alongside”. Leave empty to let the picture drive it.</source>
        <translation>描述画面中的动作：“夕阳下，骏马在浪花中飞驰，镜头在一旁跟拍”。留空则由图片本身决定。</translation>
    </message>
    <message>
        <source>Describe the video: “a white horse gallops along a beach at dawn, slow motion”.</source>
        <translation>描述视频内容：“黎明时分，一匹白马沿着海滩飞奔，慢动作”。</translation>
    </message>
    <message>
        <source>Tell what the characters do: “character1 rides character2 across a meadow”.</source>
        <translation>描述角色要做什么：“character1 骑着 character2 穿过草地”。</translation>
    </message>
    <message>
        <source>Say what to change: “make it snow”, “turn it into a watercolour”.</source>
        <translation>说明要改变什么：“让画面下雪”“改成水彩画风格”。</translation>
    </message>
    <message>
        <source>{input} s of source in, {output} s out</source>
        <translation>输入 {input} 秒源视频，输出 {output} 秒</translation>
    </message>
    <message>
        <source>Estimated cost: it depends on the video&apos;s length (in and out): add the video</source>
        <translation>预计费用：取决于视频时长（输入和输出）：请先添加视频</translation>
    </message>
    <message>
        <source>balance {balance}</source>
        <translation>余额 {balance}</translation>
    </message>
    <message>
        <source>more than your balance</source>
        <translation>超出你的余额</translation>
    </message>
</context>
<context>
    <name>ComposerSettings</name>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>as long as the video (the first 15 s are edited)</source>
        <translation>与视频等长（只编辑前 15 秒）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Fix a seed to make prompt iterations reproducible; “Random” sends none.</source>
        <translation>固定种子，反复修改提示词时结果便可复现；“随机”表示不发送种子。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>换一个</translation>
    </message>
    <message>
        <source>Pick a new random seed</source>
        <translation>随机换一个新种子</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Keep this seed for the next tasks (otherwise it returns to Random)</source>
        <translation>后续任务继续使用这个种子（否则会恢复为随机）</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>Aspec&amp;t ratio</source>
        <translation>宽高比(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Quality</source>
        <translation>画质(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Duration</source>
        <translation>时长(&amp;D)</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation>种子(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>高级(&amp;A)</translation>
    </message>
    <message>
        <source>https://your-server.example/evolink-callback (optional)</source>
        <translation>https://your-server.example/evolink-callback（可选）</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>回调地址</translation>
    </message>
    <message>
        <source>HappyHorse {version} · {price} credits/s</source>
        <translation>HappyHorse {version} · {price} 积分/秒</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>Files host</source>
        <translation>文件服务器</translation>
    </message>
    <message>
        <source>Result downloads (CDN)</source>
        <translation>结果下载（CDN）</translation>
    </message>
    <message>
        <source>Not checked: no finished video in the history yet.</source>
        <translation>未检查：历史记录中还没有已完成的视频。</translation>
    </message>
    <message>
        <source>Name lookup</source>
        <translation>域名解析</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Secure connection (TLS)</source>
        <translation>安全连接（TLS）</translation>
    </message>
    <message>
        <source>No answer within {s} s.</source>
        <translation>{s} 秒内没有响应。</translation>
    </message>
    <message>
        <source>Not checked: an earlier step failed.</source>
        <translation>未检查：前面的步骤失败了。</translation>
    </message>
    <message>
        <source>The name {host} could not be resolved (DNS). Check the address, the network or the proxy setting.</source>
        <translation>无法解析域名 {host}（DNS）。请检查地址、网络或代理设置。</translation>
    </message>
    <message>
        <source>{host} is at {addresses}.</source>
        <translation>{host} 的地址是 {addresses}。</translation>
    </message>
    <message>
        <source>the proxy</source>
        <translation>代理服务器</translation>
    </message>
    <message>
        <source>{what} refused the connection on port {port}: nothing listens there, or a firewall blocks it.</source>
        <translation>{what} 拒绝了端口 {port} 上的连接：该端口没有服务在监听，或被防火墙拦截。</translation>
    </message>
    <message>
        <source>Could not connect to {what}: {why}.</source>
        <translation>无法连接到 {what}：{why}。</translation>
    </message>
    <message>
        <source>Connected to {host} on port {port}.</source>
        <translation>已连接到 {host} 的端口 {port}。</translation>
    </message>
    <message>
        <source>The proxy refused the user name and password (HTTP 407). Check them in Settings.</source>
        <translation>代理拒绝了用户名和密码（HTTP 407）。请在设置中检查。</translation>
    </message>
    <message>
        <source>The proxy asks for a user name and password (HTTP 407). Enter them in Settings.</source>
        <translation>代理要求提供用户名和密码（HTTP 407）。请在设置中填写。</translation>
    </message>
    <message>
        <source>The proxy would not open a connection to {host} ({line}).</source>
        <translation>代理不肯建立到 {host} 的连接（{line}）。</translation>
    </message>
    <message>
        <source>The proxy opened a tunnel to {host}.</source>
        <translation>代理已建立到 {host} 的隧道。</translation>
    </message>
    <message>
        <source>The SOCKS proxy refused: {why}.</source>
        <translation>SOCKS 代理拒绝了连接：{why}。</translation>
    </message>
    <message>
        <source>The SOCKS proxy reached {host} and the certificate verified.</source>
        <translation>SOCKS 代理已连通 {host}，证书验证通过。</translation>
    </message>
    <message>
        <source>Plain HTTP to this computer: no TLS.</source>
        <translation>连接本机使用普通 HTTP：不涉及 TLS。</translation>
    </message>
    <message>
        <source>Checked with the proxy step.</source>
        <translation>已在代理步骤中一并检查。</translation>
    </message>
    <message>
        <source>The secure connection failed: {why}.</source>
        <translation>安全连接失败：{why}。</translation>
    </message>
    <message>
        <source>The certificate of {host} is trusted ({store}).</source>
        <translation>{host} 的证书受信任（{store}）。</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>No API key is set. Enter it in Settings.</source>
        <translation>尚未设置 API 密钥。请在设置中填写。</translation>
    </message>
    <message>
        <source>Not checked: EvoLink could not be reached.</source>
        <translation>未检查：无法连接到 EvoLink。</translation>
    </message>
    <message>
        <source>EvoLink refused the API key (HTTP 401). Check the key in Settings.</source>
        <translation>EvoLink 拒绝了 API 密钥（HTTP 401）。请在设置中检查密钥。</translation>
    </message>
    <message>
        <source>EvoLink answered HTTP {status}.</source>
        <translation>EvoLink 返回了 HTTP {status}。</translation>
    </message>
    <message>
        <source>EvoLink accepted the key.</source>
        <translation>EvoLink 接受了这个密钥。</translation>
    </message>
    <message>
        <source>{host}: {why}.</source>
        <translation>{host}：{why}。</translation>
    </message>
    <message>
        <source>{host} answered (HTTP {status}).</source>
        <translation>{host} 有响应（HTTP {status}）。</translation>
    </message>
    <message>
        <source>The certificate was issued by “{issuer}”, which this computer does not trust ({why}). If your company inspects secure connections, ask IT to install its certificate in the system&apos;s trust store.</source>
        <translation>证书由“{issuer}”签发，这台电脑不信任该签发者（{why}）。如果你的公司会检查加密连接，请让 IT 部门把公司的证书安装到系统的证书信任库中。</translation>
    </message>
    <message>
        <source>The certificate is not trusted ({why}).</source>
        <translation>证书不受信任（{why}）。</translation>
    </message>
</context>
<context>
    <name>Connectivity</name>
    <message>
        <source>this computer is not connected to a network</source>
        <translation>这台电脑没有连接网络</translation>
    </message>
</context>
<context>
    <name>Downloads</name>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the folder is not writable</source>
        <translation>文件夹不可写</translation>
    </message>
    <message>
        <source>{reason} ({folder})</source>
        <translation>{reason}（{folder}）</translation>
    </message>
    <message>
        <source>the result link redirects to a non-http(s) address</source>
        <translation>结果链接重定向到了非 http(s) 地址</translation>
    </message>
    <message>
        <source>the file server stopped sending data (timeout)</source>
        <translation>文件服务器停止发送数据（超时）</translation>
    </message>
    <message>
        <source>download interrupted: {reason}</source>
        <translation>下载中断：{reason}</translation>
    </message>
    <message>
        <source>the result link redirects in a loop</source>
        <translation>结果链接陷入循环重定向</translation>
    </message>
    <message>
        <source>the result link has expired or is gone</source>
        <translation>结果链接已过期或已失效</translation>
    </message>
    <message>
        <source>the file server refused the download</source>
        <translation>文件服务器拒绝了下载</translation>
    </message>
    <message>
        <source>the video is larger than {limit} MB</source>
        <translation>视频大于 {limit} MB</translation>
    </message>
    <message>
        <source>the download was stopped</source>
        <translation>下载已停止</translation>
    </message>
    <message>
        <source>the server sent more data than announced</source>
        <translation>服务器发送的数据多于声明的大小</translation>
    </message>
    <message>
        <source>the download stopped early ({written} of {total} bytes)</source>
        <translation>下载提前结束（已收到 {written} / {total} 字节）</translation>
    </message>
    <message>
        <source>the server sent something that is not an MP4 video</source>
        <translation>服务器发来的不是 MP4 视频</translation>
    </message>
    <message>
        <source>the result link is not an http(s) URL</source>
        <translation>结果链接不是 http(s) 网址</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>1  Add a picture</source>
        <translation>1  添加图片</translation>
    </message>
    <message>
        <source>Drop it on the left, paste it (Ctrl+V) or choose a file. It becomes the first frame.</source>
        <translation>拖到左侧、粘贴（Ctrl+V）或选择文件。它会成为视频的第一帧。</translation>
    </message>
    <message>
        <source>2  Describe the motion</source>
        <translation>2  描述动作</translation>
    </message>
    <message>
        <source>“The horse gallops through the surf, camera tracking alongside.”</source>
        <translation>“骏马在浪花中飞驰，镜头在一旁跟拍。”</translation>
    </message>
    <message>
        <source>3  Generate</source>
        <translation>3  生成</translation>
    </message>
    <message>
        <source>Pick quality and length, check the cost, press Generate video (Ctrl+Enter).</source>
        <translation>选好画质和时长，确认费用，点击“生成视频”（Ctrl+Enter）。</translation>
    </message>
    <message>
        <source>Turn a picture into a video</source>
        <translation>把图片变成视频</translation>
    </message>
    <message>
        <source>Three steps; your videos are saved on this computer and play here.</source>
        <translation>只需三步；视频会保存在这台电脑上，并在这里播放。</translation>
    </message>
    <message>
        <source>Select a task to watch it here</source>
        <translation>选择一个任务，在这里观看</translation>
    </message>
    <message>
        <source>Or make a new one in three steps:</source>
        <translation>或者用三步生成一个新视频：</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong: {error}

Tasks already sent keep running on EvoLink and are picked up again at the next start.</source>
        <translation>出错了：{error}

已发送的任务会继续在 EvoLink 上运行，下次启动时会接着跟进。</translation>
    </message>
    <message>
        <source> Details are in {log}.</source>
        <translation>详细信息见 {log}。</translation>
    </message>
    <message>
        <source>The task history is locked by another program (a database browser or backup tool?). Close it, then try again.</source>
        <translation>任务历史被其他程序锁定（数据库浏览器或备份工具？）。请关闭该程序后重试。</translation>
    </message>
    <message>
        <source>The task history cannot be written: the disk is full or failing ({error}).</source>
        <translation>无法写入任务历史：磁盘已满或出现故障（{error}）。</translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export {name}</source>
        <translation>导出 {name}</translation>
    </message>
    <message>
        <source>Poster frame (PNG)</source>
        <translation>封面帧（PNG）</translation>
    </message>
    <message>
        <source>Animated GIF</source>
        <translation>GIF 动图</translation>
    </message>
    <message>
        <source>Animated WebP</source>
        <translation>WebP 动图</translation>
    </message>
    <message>
        <source> fps</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>格式(&amp;F)</translation>
    </message>
    <message>
        <source>F&amp;rom</source>
        <translation>起点(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>终点(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Width</source>
        <translation>宽度(&amp;W)</translation>
    </message>
    <message>
        <source>Frame &amp;rate</source>
        <translation>帧率(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message numerus="yes">
        <source>Saved {name} (%n frames).</source>
        <translation>
            <numerusform>已保存 {name}（%n 帧）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FixOffer</name>
    <message>
        <source>Preparing this fix to show what it does…</source>
        <translation>正在准备这项修正，以便说明它会做什么…</translation>
    </message>
    <message>
        <source>The original file is not changed.</source>
        <translation>原文件不会被改动。</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>MMM d</source>
        <translation>M月d日</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} 小时 {minutes} 分</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} 分钟</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Set it aside and start fresh</source>
        <translation>移到一旁，重新开始</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The task history {path} was written by a newer version of HappyHorse Desktop ({detail}). Install that version (or newer) to open it; this version leaves the file untouched.</source>
        <translation>任务历史 {path} 由更新版本的 HappyHorse Desktop 写入（{detail}）。请安装该版本（或更新版本）来打开它；当前版本不会改动这个文件。</translation>
    </message>
    <message>
        <source>Run `happyhorse-cli set-aside-history` to keep it aside (renamed, not deleted) and start a fresh history, or restore a backup of the file.</source>
        <translation>运行 `happyhorse-cli set-aside-history` 将它移到一旁（重命名，不删除）并开始新的历史记录，或者从备份恢复该文件。</translation>
    </message>
    <message>
        <source>You can keep it aside (renamed, not deleted) and start a fresh history, or quit and restore a backup of the file.</source>
        <translation>你可以将它移到一旁（重命名，不删除）并开始新的历史记录，或者退出后从备份恢复该文件。</translation>
    </message>
    <message>
        <source>The task history {path} cannot be read ({detail}). Nothing was changed. {action}</source>
        <translation>无法读取任务历史 {path}（{detail}）。没有做任何改动。{action}</translation>
    </message>
    <message>
        <source>schema {version}, this app knows up to {latest}</source>
        <translation>数据格式版本 {version}，本应用最高支持 {latest}</translation>
    </message>
</context>
<context>
    <name>ImageFix</name>
    <message>
        <source>Result: {width} × {height} px {format}, {size}.</source>
        <translation>结果：{width} × {height} 像素的 {format}，{size}。</translation>
    </message>
    <message>
        <source>Pad to {ratio}</source>
        <translation>补边至 {ratio}</translation>
    </message>
    <message>
        <source>Adds bars so the whole picture stays visible.</source>
        <translation>在两侧加边，保留完整画面。</translation>
    </message>
    <message>
        <source>Crop to {ratio}</source>
        <translation>裁剪至 {ratio}</translation>
    </message>
    <message>
        <source>Cuts the edges, keeping the centre.</source>
        <translation>裁掉边缘，保留中间部分。</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Makes a copy the model accepts.</source>
        <translation>生成一份模型可以接受的副本。</translation>
    </message>
    <message>
        <source>Turns the picture upright, as its rotation tag says.</source>
        <translation>按照旋转标记把图片摆正。</translation>
    </message>
    <message>
        <source>Keeps only the first frame of the animation.</source>
        <translation>只保留动图的第一帧。</translation>
    </message>
    <message>
        <source>The image could not be decoded: {error}.</source>
        <translation>无法解码这张图片：{error}。</translation>
    </message>
    <message>
        <source>Scales it down from {w} × {h} to {nw} × {nh} px (at most {max} px a side).</source>
        <translation>从 {w} × {h} 缩小到 {nw} × {nh} 像素（每边最多 {max} 像素）。</translation>
    </message>
    <message>
        <source>Pads it to {ratio} with bars of its average colour ({w} × {h} → {nw} × {nh} px).</source>
        <translation>用图片的平均色加边，补成 {ratio}（{w} × {h} → {nw} × {nh} 像素）。</translation>
    </message>
    <message>
        <source>Crops it to {ratio}, keeping the centre ({w} × {h} → {nw} × {nh} px).</source>
        <translation>裁剪为 {ratio}，保留中间部分（{w} × {h} → {nw} × {nh} 像素）。</translation>
    </message>
    <message>
        <source>After fixing, the image would be {w}×{h} px, under {min} px.</source>
        <translation>修正后图片将是 {w}×{h} 像素，小于 {min} 像素。</translation>
    </message>
    <message>
        <source>The image stays over 10 MB even when reduced.</source>
        <translation>即使缩小后，图片仍超过 10 MB。</translation>
    </message>
    <message>
        <source>Scales it down from {w} × {h} to {nw} × {nh} px, or the file would be over 10 MB.</source>
        <translation>从 {w} × {h} 缩小到 {nw} × {nh} 像素，否则文件会超过 10 MB。</translation>
    </message>
    <message>
        <source>Saves it as PNG, which keeps its transparency.</source>
        <translation>保存为 PNG，保留透明部分。</translation>
    </message>
    <message>
        <source>Saves it again as a plain JPEG.</source>
        <translation>重新保存为标准 JPEG。</translation>
    </message>
    <message>
        <source>Saves it as JPEG (quality {q}).</source>
        <translation>保存为 JPEG（质量 {q}）。</translation>
    </message>
    <message>
        <source>Could not encode the image as {format}.</source>
        <translation>无法将图片编码为 {format}。</translation>
    </message>
    <message>
        <source>The image cannot be read, so it cannot be fixed.</source>
        <translation>无法读取这张图片，因此无法修正。</translation>
    </message>
</context>
<context>
    <name>ImagePanel</name>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.heic);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff *.heic);;所有文件 (*)</translation>
    </message>
    <message>
        <source>C&amp;hoose image…</source>
        <translation>选择图片(&amp;H)…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Add a picture: drop it here, paste it, or choose a file.</source>
        <translation>请添加图片：拖到这里、粘贴，或选择文件。</translation>
    </message>
    <message>
        <source>Choose the first frame</source>
        <translation>选择第一帧图片</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Fetching a preview…</source>
        <translation>正在获取预览…</translation>
    </message>
    <message>
        <source>Pasted image, kept in the app&apos;s cache.</source>
        <translation>粘贴的图片，保存在应用的缓存中。</translation>
    </message>
    <message>
        <source>Storing the pasted image…</source>
        <translation>正在保存粘贴的图片…</translation>
    </message>
    <message>
        <source>That drop holds no picture or image link.</source>
        <translation>拖入的内容中没有图片或图片链接。</translation>
    </message>
    <message>
        <source>No preview ({reason}). The link is sent as is; EvoLink must be able to fetch it, or the task fails (and is refunded).</source>
        <translation>无法预览（{reason}）。链接会原样发送；EvoLink 必须能获取到这张图片，否则任务会失败（费用会退还）。</translation>
    </message>
    <message>
        <source>This link is sent as is; EvoLink fetches the picture itself.</source>
        <translation>链接会原样发送，由 EvoLink 自行获取图片。</translation>
    </message>
    <message>
        <source>the server answered HTTP {status}</source>
        <translation>服务器返回了 HTTP {status}</translation>
    </message>
    <message>
        <source>Fixing a copy of the image…</source>
        <translation>正在修正图片副本…</translation>
    </message>
    <message>
        <source>Using the fixed copy…</source>
        <translation>正在使用修正后的副本…</translation>
    </message>
    <message>
        <source>Fixed copy ({fix}); the original file is untouched.</source>
        <translation>修正后的副本（{fix}）；原文件未被改动。</translation>
    </message>
    <message>
        <source>Drop a picture here
or paste one with Ctrl+V

JPEG, PNG or WEBP · at least 300 px · aspect 1:2.5 to 2.5:1 · up to 10 MB</source>
        <translation>把图片拖到这里
或用 Ctrl+V 粘贴

JPEG、PNG 或 WEBP · 至少 300 像素 · 宽高比 1:2.5 至 2.5:1 · 不超过 10 MB</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>无法预览</translation>
    </message>
    <message>
        <source>This picture cannot be fixed automatically; please choose another one.</source>
        <translation>这张图片无法自动修正；请换一张。</translation>
    </message>
    <message>
        <source>Uploaded when you submit.</source>
        <translation>提交时上传。</translation>
    </message>
</context>
<context>
    <name>ImageSlot</name>
    <message>
        <source>Remove this picture (the next ones move up)</source>
        <translation>移除这张图片（后面的图片依次前移）</translation>
    </message>
    <message>
        <source>Drop pictures here, or click to choose</source>
        <translation>把图片拖到这里，或点击选择</translation>
    </message>
    <message>
        <source>link</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>Keys</name>
    <message>
        <source>Reading your API key from the system keychain…</source>
        <translation>正在从系统钥匙串读取你的 API 密钥…</translation>
    </message>
    <message>
        <source>Add your EvoLink API key in Settings (or start with --demo to try it).</source>
        <translation>请在设置中添加你的 EvoLink API 密钥（或用 --demo 启动来试用）。</translation>
    </message>
    <message>
        <source>The API key contains {char} at position {position}, which no EvoLink key has. Copy the key again from your EvoLink dashboard.</source>
        <translation>API 密钥的第 {position} 个字符是 {char}，EvoLink 密钥中不会有这个字符。请从 EvoLink 控制台重新复制密钥。</translation>
    </message>
    <message>
        <source>The API key is empty.</source>
        <translation>API 密钥为空。</translation>
    </message>
    <message>
        <source>The key is kept in memory until you quit.</source>
        <translation>密钥只保存在内存中，直到你退出应用。</translation>
    </message>
    <message>
        <source>No system keychain is available, so the key is kept in memory for this session only and you will be asked again next time. It is never written to a plain file.</source>
        <translation>没有可用的系统钥匙串，因此密钥只在本次运行期间保存在内存中，下次启动时会再次询问。密钥绝不会写入普通文件。</translation>
    </message>
    <message>
        <source>The key is saved in the system keychain.</source>
        <translation>密钥已保存到系统钥匙串。</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>{app}: videos from EvoLink&apos;s HappyHorse models, made from a prompt, a picture, reference pictures or a video to edit; one at a time or in batches, as takes to continue from their last frame, stitch and compare.</source>
        <translation>{app}：用 EvoLink 的 HappyHorse 模型生成视频，可从提示词、图片、参考图片或待编辑的视频出发；可逐个或批量生成，生成的镜头可从最后一帧续接、拼接和对比。</translation>
    </message>
    <message>
        <source>run against a built-in simulator; nothing is billed</source>
        <translation>连接内置模拟器运行，不产生任何费用</translation>
    </message>
    <message>
        <source>check the installation and exit</source>
        <translation>检查安装是否完整，然后退出</translation>
    </message>
    <message>
        <source>with --self-test: also write the report to this file</source>
        <translation>与 --self-test 一起使用：同时将报告写入此文件</translation>
    </message>
    <message>
        <source>show the version and exit</source>
        <translation>显示版本号并退出</translation>
    </message>
</context>
<context>
    <name>LedgerDialog</name>
    <message>
        <source>Cost ledger</source>
        <translation>费用明细</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>按天</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>按周</translation>
    </message>
    <message>
        <source>Per month</source>
        <translation>按月</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>画质</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>预扣</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>实扣</translation>
    </message>
    <message>
        <source>Total ($)</source>
        <translation>合计（$）</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Charged {charged} · reserved now {held}</source>
        <translation>实扣 {charged} · 当前预扣 {held}</translation>
    </message>
    <message>
        <source>Export the ledger</source>
        <translation>导出费用明细</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>LinuxLibraries</name>
    <message>
        <source>HappyHorse Desktop cannot open its window: the X11 display needs system libraries that are missing here: {libraries}.

On Debian or Ubuntu, install them with:

    sudo apt-get install {packages}

On other distributions, install the packages that provide these files.</source>
        <translation>HappyHorse Desktop 无法打开窗口：X11 显示需要的系统库在本机上缺失：{libraries}。

在 Debian 或 Ubuntu 上，请用以下命令安装：

    sudo apt-get install {packages}

在其他发行版上，请安装提供这些文件的软件包。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source> — DEMO</source>
        <translation> — 演示</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;videos folder</source>
        <translation>打开视频文件夹(&amp;V)</translation>
    </message>
    <message>
        <source>No file manager answered.</source>
        <translation>没有文件管理器响应。</translation>
    </message>
    <message>
        <source>&amp;Paste picture</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Import from my EvoLink account…</source>
        <translation>从我的 EvoLink 账户导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>任务(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Every HappyHorse route of EvoLink: image, text and references to video, and video edits.</source>
        <translation>EvoLink 上 HappyHorse 的全部生成方式：图生视频、文生视频、参考图生视频，以及视频编辑。</translation>
    </message>
    <message>
        <source>Icons: Lucide (ISC licence).</source>
        <translation>图标：Lucide（ISC 许可证）。</translation>
    </message>
    <message>
        <source>Uploading… {percent}%</source>
        <translation>正在上传… {percent}%</translation>
    </message>
    <message>
        <source>Submitting… (uploading the picture and sending the task)</source>
        <translation>正在提交…（上传图片并发送任务）</translation>
    </message>
    <message>
        <source>This task is estimated at {credits} credits, but the balance is {balance}. Submit anyway?</source>
        <translation>这个任务预计需要 {credits} 积分，但余额只有 {balance}。仍要提交吗？</translation>
    </message>
    <message>
        <source>Not enough credits?</source>
        <translation>积分不足？</translation>
    </message>
    <message>
        <source>A submission is already being sent; wait for it to finish.</source>
        <translation>已有一个任务正在提交，请等待它完成。</translation>
    </message>
    <message>
        <source>Submitted as {task}.</source>
        <translation>已提交，任务 ID 为 {task}。</translation>
    </message>
    <message>
        <source>The clipboard holds no picture, image file or image link.</source>
        <translation>剪贴板中没有图片、图片文件或图片链接。</translation>
    </message>
    <message>
        <source>{key} — type to replace</source>
        <translation>{key} — 输入新密钥以替换</translation>
    </message>
</context>
<context>
    <name>Media</name>
    <message>
        <source>{name} cannot be decoded: {reason}</source>
        <translation>无法解码 {name}：{reason}</translation>
    </message>
    <message>
        <source>The video could not be encoded: {reason}</source>
        <translation>无法编码视频：{reason}</translation>
    </message>
    <message>
        <source>{name} is not on disk any more.</source>
        <translation>{name} 已不在磁盘上。</translation>
    </message>
    <message>
        <source>The range ends before it starts.</source>
        <translation>范围的终点早于起点。</translation>
    </message>
    <message>
        <source>Choose a frame rate from 1 to 50 frames per second.</source>
        <translation>请选择 1 到 50 帧/秒之间的帧率。</translation>
    </message>
    <message>
        <source>No frame could be decoded from {name}.</source>
        <translation>无法从 {name} 解码出任何一帧。</translation>
    </message>
    <message>
        <source>The picture could not be written.</source>
        <translation>无法写入图片。</translation>
    </message>
    <message>
        <source>{name} cannot be read: {reason}</source>
        <translation>无法读取 {name}：{reason}</translation>
    </message>
    <message>
        <source>The frame could not be written beside {name}.</source>
        <translation>无法把这一帧保存到 {name} 所在的文件夹。</translation>
    </message>
    <message>
        <source>Choose at least two takes to stitch.</source>
        <translation>请至少选择两个镜头来拼接。</translation>
    </message>
    <message>
        <source>The stitched file cannot replace one of its parts.</source>
        <translation>拼接后的文件不能覆盖其中任何一个片段。</translation>
    </message>
    <message>
        <source>No frame could be decoded from the takes.</source>
        <translation>无法从这些镜头中解码出任何一帧。</translation>
    </message>
</context>
<context>
    <name>MediaJobPanel</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：没有写入任何文件。</translation>
    </message>
</context>
<context>
    <name>ModeInputs</name>
    <message>
        <source>Keep the original &amp;sound</source>
        <translation>保留原声(&amp;S)</translation>
    </message>
    <message>
        <source>Otherwise EvoLink makes new audio for the edited video.</source>
        <translation>否则 EvoLink 会为编辑后的视频生成新的音频。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Text → Video&lt;/b&gt;: the prompt is the whole video. Describe the scene, the camera and the mood; shot by shot works well, e.g. “Shot 1 [0~3s] wide angle: …”.</source>
        <translation>&lt;b&gt;文生视频&lt;/b&gt;：整个视频完全由提示词决定。请描述场景、运镜和氛围；按分镜逐段描述效果很好，例如“分镜 1 [0~3 秒] 广角：…”。</translation>
    </message>
    <message>
        <source>Pictures of your characters, in order: the prompt calls them character1, character2… Click a name to write it at the cursor.</source>
        <translation>按顺序放入角色的图片：提示词中依次称它们为 character1、character2…点击名称即可插入到光标处。</translation>
    </message>
    <message>
        <source>References ({count}/5)</source>
        <translation>参考图（{count}/5）</translation>
    </message>
    <message>
        <source>Optional pictures the edit may draw on (up to 5)</source>
        <translation>编辑时可参考的图片，可选（最多 5 张）</translation>
    </message>
    <message>
        <source>Add a picture of each character: drop them on the slots, or click one.</source>
        <translation>请为每个角色添加一张图片：拖到图片槽上，或点击图片槽选择。</translation>
    </message>
</context>
<context>
    <name>ModeSwitch</name>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考图</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>A picture becomes the first frame of the video.</source>
        <translation>用一张图片作为视频的第一帧。</translation>
    </message>
    <message>
        <source>Only words: the prompt describes the whole video.</source>
        <translation>只用文字：由提示词描述整个视频。</translation>
    </message>
    <message>
        <source>Up to 9 pictures of characters, named character1… in the prompt.</source>
        <translation>最多 9 张角色图片，在提示词中称为 character1…</translation>
    </message>
    <message>
        <source>Change a video you have (3–60 s; the first 15 s are edited).</source>
        <translation>修改你已有的视频（3–60 秒；只编辑前 15 秒）。</translation>
    </message>
</context>
<context>
    <name>Models</name>
    <message>
        <source>HappyHorse {version} · {route}</source>
        <translation>HappyHorse {version} · {route}</translation>
    </message>
</context>
<context>
    <name>NetErrors</name>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>the proxy refused the connection ({reason})</source>
        <translation>代理拒绝了连接（{reason}）</translation>
    </message>
    <message>
        <source>secure connection failed (TLS certificate or handshake error)</source>
        <translation>安全连接失败（TLS 证书或握手错误）</translation>
    </message>
    <message>
        <source>host name could not be resolved (DNS)</source>
        <translation>无法解析主机名（DNS）</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>连接被拒绝</translation>
    </message>
    <message>
        <source>connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <source>the server took too long to answer</source>
        <translation>服务器响应时间过长</translation>
    </message>
    <message>
        <source>sending the request took too long</source>
        <translation>发送请求耗时过长</translation>
    </message>
    <message>
        <source>the connection was dropped mid-reply</source>
        <translation>回复中途连接断开</translation>
    </message>
    <message>
        <source>the connection was reset</source>
        <translation>连接被重置</translation>
    </message>
    <message>
        <source>could not connect: {reason}</source>
        <translation>无法连接：{reason}</translation>
    </message>
    <message>
        <source>the proxy asks for a user name and password (HTTP 407)</source>
        <translation>代理要求提供用户名和密码（HTTP 407）</translation>
    </message>
    <message>
        <source>the proxy refused the user name and password (HTTP 407)</source>
        <translation>代理拒绝了用户名和密码（HTTP 407）</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>the proxy would not open a connection ({answer})</source>
        <translation>代理不肯建立连接（{answer}）</translation>
    </message>
    <message>
        <source>the SOCKS proxy closed the connection</source>
        <translation>SOCKS 代理关闭了连接</translation>
    </message>
    <message>
        <source>the SOCKS proxy asks for a user name and password</source>
        <translation>SOCKS 代理要求提供用户名和密码</translation>
    </message>
    <message>
        <source>the SOCKS proxy asks for another way of logging in</source>
        <translation>SOCKS 代理要求使用其他登录方式</translation>
    </message>
    <message>
        <source>the SOCKS proxy refused the user name and password</source>
        <translation>SOCKS 代理拒绝了用户名和密码</translation>
    </message>
    <message>
        <source>the SOCKS proxy could not reach {host} ({code})</source>
        <translation>SOCKS 代理无法连通 {host}（{code}）</translation>
    </message>
</context>
<context>
    <name>NetworkSettings</name>
    <message>
        <source>Saved; the demo itself always connects directly.</source>
        <translation>已保存；演示模式本身始终直接连接。</translation>
    </message>
    <message>
        <source>Network settings applied.</source>
        <translation>网络设置已生效。</translation>
    </message>
</context>
<context>
    <name>NetworkSettingsPanel</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Use the system&apos;s proxy settings</source>
        <translation>使用系统代理设置</translation>
    </message>
    <message>
        <source>No proxy (connect directly)</source>
        <translation>不使用代理（直接连接）</translation>
    </message>
    <message>
        <source>Use this proxy</source>
        <translation>使用以下代理</translation>
    </message>
    <message>
        <source>http://proxy.example:3128  ·  socks5://proxy.example:1080</source>
        <translation>例如 http://proxy.example:3128  ·  socks5://proxy.example:1080</translation>
    </message>
    <message>
        <source>only if the proxy asks for one</source>
        <translation>仅在代理要求时填写</translation>
    </message>
    <message>
        <source>saved in the keychain — type to replace</source>
        <translation>已保存在钥匙串中 — 输入新密码以替换</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>检查连接</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>All tasks have finished.</source>
        <translation>所有任务都已结束。</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>Hide until the next time the network drops</source>
        <translation>隐藏，直到下次断网</translation>
    </message>
    <message>
        <source>You&apos;re offline — tasks keep running on EvoLink; the app retries automatically.</source>
        <translation>网络已断开 — 任务仍在 EvoLink 上继续运行；应用会自动重试。</translation>
    </message>
    <message>
        <source>Reason: {reason}.</source>
        <translation>原因：{reason}。</translation>
    </message>
    <message>
        <source>“{title}”: its video link expires in {left}; it is saved as soon as the network is back.</source>
        <translation>“{title}”：视频链接将在 {left}后过期；网络恢复后会立即保存。</translation>
    </message>
    <message>
        <source>“{title}”: its video link has expired.</source>
        <translation>“{title}”：视频链接已过期。</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
</context>
<context>
    <name>Player</name>
    <message>
        <source>The video player cannot start: the system library {library} is missing. On Debian or Ubuntu, install it with “sudo apt-get install {package}”, then restart HappyHorse. Meanwhile “Open file” plays the video in your usual player.</source>
        <translation>视频播放器无法启动：缺少系统库 {library}。在 Debian 或 Ubuntu 上，请用“sudo apt-get install {package}”安装，然后重新启动 HappyHorse。在此之前，“打开文件”会用你常用的播放器播放视频。</translation>
    </message>
    <message>
        <source>The video player cannot start ({reason}). “Open file” plays the video in your usual player.</source>
        <translation>视频播放器无法启动（{reason}）。“打开文件”会用你常用的播放器播放视频。</translation>
    </message>
    <message>
        <source>This video cannot be played here: {reason}</source>
        <translation>无法在这里播放这个视频：{reason}</translation>
    </message>
</context>
<context>
    <name>PromptEditor</name>
    <message>
        <source>Describe the motion: “the horse gallops through the surf at sunset, camera tracking alongside”. Leave empty to let the picture drive it.</source>
        <translation>描述画面中的动作：“夕阳下，骏马在浪花中飞驰，镜头在一旁跟拍”。留空则由图片本身决定。</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>Prompts you sent before</source>
        <translation>之前发送过的提示词</translation>
    </message>
    <message>
        <source>No recent prompts</source>
        <translation>没有最近的提示词</translation>
    </message>
    <message>
        <source>{length} / {limit} characters (Chinese text)</source>
        <translation>{length} / {limit} 个字符（中文）</translation>
    </message>
    <message>
        <source>{length} / {limit} characters</source>
        <translation>{length} / {limit} 个字符</translation>
    </message>
</context>
<context>
    <name>Proxy</name>
    <message>
        <source>Enter the proxy address, e.g. http://proxy.example:3128 or socks5://proxy.example:1080.</source>
        <translation>请填写代理地址，例如 http://proxy.example:3128 或 socks5://proxy.example:1080。</translation>
    </message>
    <message>
        <source>The proxy address must start with http://, https://, socks5:// or socks5h://.</source>
        <translation>代理地址必须以 http://、https://、socks5:// 或 socks5h:// 开头。</translation>
    </message>
    <message>
        <source>Put the proxy user name and password in their own fields, not in the address.</source>
        <translation>请把代理的用户名和密码填在各自的输入框里，不要写在地址中。</translation>
    </message>
    <message>
        <source>The proxy port must be a number between 1 and 65535.</source>
        <translation>代理端口必须是 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>The proxy address has no host name.</source>
        <translation>代理地址中没有主机名。</translation>
    </message>
    <message>
        <source>The proxy address needs a port, e.g. :3128.</source>
        <translation>代理地址需要端口，例如 :3128。</translation>
    </message>
    <message>
        <source>direct (proxies switched off in Settings)</source>
        <translation>直接连接（已在设置中关闭代理）</translation>
    </message>
    <message>
        <source>set in Settings</source>
        <translation>在设置中指定</translation>
    </message>
    <message>
        <source>from the environment ({name})</source>
        <translation>来自环境变量（{name}）</translation>
    </message>
    <message>
        <source>direct (no system proxy)</source>
        <translation>直接连接（没有系统代理）</translation>
    </message>
    <message>
        <source>system proxy settings</source>
        <translation>系统代理设置</translation>
    </message>
    <message>
        <source>{proxy}, {source}</source>
        <translation>{proxy}，{source}</translation>
    </message>
    <message>
        <source> as {user}</source>
        <translation>（用户 {user}）</translation>
    </message>
    <message>
        <source>{proxy}{user}, {source}</source>
        <translation>{proxy}{user}，{source}</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <source>{credits} credits ({dollars})</source>
        <translation>{credits} 积分（{dollars}）</translation>
    </message>
    <message>
        <source>Paused: the next take ({needed}) would take today&apos;s spending over the daily cap of {cap} by {over} ({spent} spent or reserved today). It resumes tomorrow, or raise the cap.</source>
        <translation>已暂停：下一个镜头（{needed}）会使今日花费超出每日上限 {cap}，超出 {over}（今日已花费或预扣 {spent}）。明天会自动恢复，也可以提高上限。</translation>
    </message>
    <message>
        <source>Paused: the next take ({needed}) would take batch “{batch}” over its budget of {cap} by {over} ({spent} spent or reserved). Raise the budget or remove takes, then resume.</source>
        <translation>已暂停：下一个镜头（{needed}）会使批次“{batch}”超出预算 {cap}，超出 {over}（已花费或预扣 {spent}）。请提高预算或移除镜头，然后恢复队列。</translation>
    </message>
    <message>
        <source>Paused: EvoLink refused a take for lack of credits ({detail}). Top up, then resume.</source>
        <translation>已暂停：EvoLink 因积分不足拒绝了一个镜头（{detail}）。请充值后恢复队列。</translation>
    </message>
    <message>
        <source>Paused: EvoLink refused the API key ({detail}). Fix the key, then resume.</source>
        <translation>已暂停：EvoLink 拒绝了 API 密钥（{detail}）。请修正密钥后恢复队列。</translation>
    </message>
    <message>
        <source>Paused. Running tasks go on; nothing new is sent until you resume.</source>
        <translation>已暂停。运行中的任务会继续；恢复之前不会发送新任务。</translation>
    </message>
    <message>
        <source>Back in the queue, nothing charged: {reason}</source>
        <translation>已放回队列，未扣费：{reason}</translation>
    </message>
    <message>
        <source>Back in the queue, nothing charged: {reason} Next try at {time}.</source>
        <translation>已放回队列，未扣费：{reason}将于 {time} 再次尝试。</translation>
    </message>
    <message>
        <source>Queue finished: {done} done, {failed} failed, {credits} spent.</source>
        <translation>队列已完成：{done} 个完成，{failed} 个失败，花费 {credits}。</translation>
    </message>
    <message>
        <source>{name} in the watched folder was not queued: {problem}</source>
        <translation>监视文件夹中的 {name} 未加入队列：{problem}</translation>
    </message>
    <message>
        <source>Watched folder</source>
        <translation>监视文件夹</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>{quality} · {seconds} s · seed {seed}</source>
        <translation>{quality} · {seconds} 秒 · 种子 {seed}</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Move to top</source>
        <translation>移到最前</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Retry failed…</source>
        <translation>重试失败项…</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Batch budget…</source>
        <translation>批次预算…</translation>
    </message>
    <message>
        <source>New batch…</source>
        <translation>新建批次…</translation>
    </message>
    <message>
        <source>Ledger…</source>
        <translation>费用明细…</translation>
    </message>
    <message>
        <source>Tasks running on EvoLink at once (queued or not).</source>
        <translation>在 EvoLink 上同时运行的任务数（无论是否来自队列）。</translation>
    </message>
    <message>
        <source>No daily cap</source>
        <translation>无每日上限</translation>
    </message>
    <message>
        <source> credits</source>
        <translation> 积分</translation>
    </message>
    <message>
        <source>After each video, run: e.g. notify-send Done {video}</source>
        <translation>每条视频完成后运行的命令，例如：notify-send 完成 {video}</translation>
    </message>
    <message>
        <source>Run without a shell; {video}, {task_id}, {prompt} and {seed} are filled in.</source>
        <translation>不经过 shell 直接运行；会自动填入 {video}（视频）、{task_id}（任务 ID）、{prompt}（提示词）和 {seed}（种子）。</translation>
    </message>
    <message>
        <source>Watched folder (pictures saved there are queued)</source>
        <translation>监视文件夹（保存到其中的图片会加入队列）</translation>
    </message>
    <message>
        <source>At once</source>
        <translation>同时运行</translation>
    </message>
    <message>
        <source>Daily cap</source>
        <translation>每日上限</translation>
    </message>
    <message>
        <source>Waiting after a refusal from EvoLink: the next take goes at {time}.</source>
        <translation>EvoLink 拒绝了请求，正在等待：下一个镜头将于 {time} 发送。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Queue resumed.</source>
        <translation>队列已恢复。</translation>
    </message>
    <message>
        <source>Queue paused: running tasks go on, nothing new is sent.</source>
        <translation>队列已暂停：运行中的任务会继续，不会发送新任务。</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n queued takes; nothing was sent.</source>
        <translation>
            <numerusform>已移除 %n 个排队中的镜头；没有发送任何内容。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queue %n takes again as new paid tasks, ≈ {cost}?</source>
        <translation>
            <numerusform>将 %n 个镜头作为新的付费任务重新加入队列，约 {cost}？</numerusform>
        </translation>
    </message>
    <message>
        <source>That take has already been sent; it can no longer be edited.</source>
        <translation>这个镜头已经发送，无法再编辑。</translation>
    </message>
    <message>
        <source>{running} of {limit} running · {queued} queued · today {today} credits ({dollars})</source>
        <translation>运行中 {running}/{limit} · 排队中 {queued} · 今日 {today} 积分（{dollars}）</translation>
    </message>
    <message>
        <source>Retry failed takes?</source>
        <translation>重试失败的镜头？</translation>
    </message>
    <message>
        <source>Batch budget</source>
        <translation>批次预算</translation>
    </message>
    <message>
        <source>Credits batch “{name}” may spend at most (0: no budget):</source>
        <translation>批次“{name}”最多可花费的积分（0 表示不限）：</translation>
    </message>
    <message>
        <source>The command cannot be read ({reason}); not saved.</source>
        <translation>无法解析该命令（{reason}）；未保存。</translation>
    </message>
</context>
<context>
    <name>Quit</name>
    <message numerus="yes">
        <source>%n tasks are still running on EvoLink. They keep running there (and are billed); HappyHorse resumes following and saving them the next time you start it.</source>
        <translation>
            <numerusform>还有 %n 个任务正在 EvoLink 上运行，会在那里继续运行（并计费）；下次启动 HappyHorse 时，会接着跟进并保存其视频。</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit HappyHorse?</source>
        <translation>退出 HappyHorse？</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>Recipe</name>
    <message>
        <source>{name} carries no HappyHorse recipe (it was not saved by this app).</source>
        <translation>{name} 中没有 HappyHorse 生成设置（它不是由本应用保存的）。</translation>
    </message>
    <message>
        <source>The source picture ({name}) is not on this computer any more: choose it again.</source>
        <translation>源图片（{name}）已不在这台电脑上：请重新选择。</translation>
    </message>
</context>
<context>
    <name>ReferenceSlots</name>
    <message>
        <source>Write {name} into the prompt at the cursor</source>
        <translation>在提示词的光标处插入 {name}</translation>
    </message>
    <message>
        <source>Reference {number}</source>
        <translation>参考图 {number}</translation>
    </message>
    <message>
        <source>Reading the pictures…</source>
        <translation>正在读取图片…</translation>
    </message>
    <message>
        <source>Choose pictures</source>
        <translation>选择图片</translation>
    </message>
</context>
<context>
    <name>RouteRules</name>
    <message>
        <source>Unknown model {model}.</source>
        <translation>未知的模型 {model}。</translation>
    </message>
    <message>
        <source>{model} does not take a duration: the video is as long as its source (at most 15 s).</source>
        <translation>{model} 不接受时长参数：视频与源视频一样长（最多 15 秒）。</translation>
    </message>
    <message>
        <source>{model} does not take an aspect ratio: the video keeps the shape of its input.</source>
        <translation>{model} 不接受宽高比参数：视频保持输入素材的画面比例。</translation>
    </message>
    <message>
        <source>{model} does not take images.</source>
        <translation>{model} 不接受图片。</translation>
    </message>
    <message>
        <source>{model} does not take keep_original_sound (video-edit only).</source>
        <translation>{model} 不接受 keep_original_sound（仅视频编辑可用）。</translation>
    </message>
    <message>
        <source>{model} does not take {field}.</source>
        <translation>{model} 不接受 {field}。</translation>
    </message>
    <message>
        <source>{model} needs a prompt.</source>
        <translation>{model} 需要提示词。</translation>
    </message>
    <message>
        <source>The prompt must be text.</source>
        <translation>提示词必须是文本。</translation>
    </message>
    <message numerus="yes">
        <source>The prompt names character{number}, but there are only %n reference images.</source>
        <translation>
            <numerusform>提示词中提到了 character{number}，但只有 %n 张参考图。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reference image {number} is never named: write character{number} in the prompt.</source>
        <translation>提示词中没有提到第 {number} 张参考图：请在提示词中写上 character{number}。</translation>
    </message>
    <message numerus="yes">
        <source>image_urls must hold exactly %n image URLs.</source>
        <translation>
            <numerusform>image_urls 必须正好包含 %n 个图片网址。</numerusform>
        </translation>
    </message>
    <message>
        <source>image_urls must hold {min} to {max} image URLs.</source>
        <translation>image_urls 必须包含 {min} 到 {max} 个图片网址。</translation>
    </message>
    <message>
        <source>Image {numbers} is not an http(s) URL.</source>
        <translation>第 {numbers} 张图片的地址不是 http(s) 网址。</translation>
    </message>
    <message>
        <source>video_urls must hold exactly one video URL.</source>
        <translation>video_urls 必须正好包含一个视频网址。</translation>
    </message>
    <message>
        <source>{model} needs a source video in video_urls.</source>
        <translation>{model} 需要在 video_urls 中提供源视频。</translation>
    </message>
    <message>
        <source>The source video is not an http(s) URL.</source>
        <translation>源视频的地址不是 http(s) 网址。</translation>
    </message>
    <message>
        <source>Quality must be one of {qualities}, not {quality}.</source>
        <translation>画质必须是 {qualities} 之一，而不是 {quality}。</translation>
    </message>
    <message>
        <source>The aspect ratio must be one of {ratios}, not {ratio}.</source>
        <translation>宽高比必须是 {ratios} 之一，而不是 {ratio}。</translation>
    </message>
    <message>
        <source>The callback URL must be text.</source>
        <translation>回调地址必须是文本。</translation>
    </message>
    <message>
        <source>keep_original_sound must be true or false.</source>
        <translation>keep_original_sound 必须是 true 或 false。</translation>
    </message>
    <message>
        <source>Character{number} image</source>
        <translation>character{number} 的参考图</translation>
    </message>
    <message>
        <source>The image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Image {number}</source>
        <translation>第 {number} 张图片</translation>
    </message>
    <message>
        <source>{image} could not be read.</source>
        <translation>无法读取{image}。</translation>
    </message>
    <message>
        <source>{image} is {format}; use JPEG, PNG or WEBP.</source>
        <translation>{image}是 {format} 格式；请使用 JPEG、PNG 或 WEBP。</translation>
    </message>
    <message>
        <source>{image} is {size} MB; the limit is {limit} MB.</source>
        <translation>{image}大小为 {size} MB，上限为 {limit} MB。</translation>
    </message>
    <message>
        <source>{image} is {size}; each side must be at least {minimum} px.</source>
        <translation>{image}为 {size}；每条边至少需要 {minimum} 像素。</translation>
    </message>
    <message>
        <source>{image} is {size}; its short side must be at least {minimum} px.</source>
        <translation>{image}为 {size}；短边至少需要 {minimum} 像素。</translation>
    </message>
    <message>
        <source>{image} has the aspect ratio {ratio}, outside 1:2.5 … 2.5:1.</source>
        <translation>{image}的宽高比为 {ratio}，超出了 1:2.5 … 2.5:1 的范围。</translation>
    </message>
    <message>
        <source>The source video could not be read as MP4 or MOV.</source>
        <translation>无法以 MP4 或 MOV 格式读取源视频。</translation>
    </message>
    <message>
        <source>The video is {format}; use MP4 or MOV.</source>
        <translation>视频是 {format} 格式；请使用 MP4 或 MOV。</translation>
    </message>
    <message>
        <source>The video is encoded as {codec}; H.264 is recommended.</source>
        <translation>视频编码为 {codec}；建议使用 H.264。</translation>
    </message>
    <message>
        <source>The video lasts {seconds} s; it must last {minimum} to {maximum} s.</source>
        <translation>视频时长 {seconds} 秒；必须在 {minimum} 到 {maximum} 秒之间。</translation>
    </message>
    <message>
        <source>Only the first {used} s of the {seconds} s video are edited (and billed).</source>
        <translation>这段 {seconds} 秒的视频只有前 {used} 秒会被编辑（并计费）。</translation>
    </message>
    <message>
        <source>The video is {size}; its long side must be at most {maximum} px.</source>
        <translation>视频为 {size}；长边最多 {maximum} 像素。</translation>
    </message>
    <message>
        <source>The video is {size}; its short side must be at least {minimum} px.</source>
        <translation>视频为 {size}；短边至少需要 {minimum} 像素。</translation>
    </message>
    <message>
        <source>The video&apos;s aspect ratio {ratio} is outside 1:2.5 … 2.5:1.</source>
        <translation>视频的宽高比 {ratio} 超出了 1:2.5 … 2.5:1 的范围。</translation>
    </message>
    <message>
        <source>The video is {size} MB; the limit is {limit} MB.</source>
        <translation>视频大小为 {size} MB，上限为 {limit} MB。</translation>
    </message>
    <message>
        <source>The video has {fps} frames per second; it needs more than {minimum}.</source>
        <translation>视频帧率为每秒 {fps} 帧；需要高于 {minimum} 帧。</translation>
    </message>
</context>
<context>
    <name>Routes</name>
    <message>
        <source>Image → Video</source>
        <translation>图生视频</translation>
    </message>
    <message>
        <source>Text → Video</source>
        <translation>文生视频</translation>
    </message>
    <message>
        <source>References → Video</source>
        <translation>参考图生视频</translation>
    </message>
    <message>
        <source>Edit a video</source>
        <translation>视频编辑</translation>
    </message>
</context>
<context>
    <name>Secrets</name>
    <message>
        <source>No system keychain: the proxy password is kept until you quit.</source>
        <translation>没有系统钥匙串：代理密码只保存到你退出应用为止。</translation>
    </message>
    <message>
        <source>The proxy password is saved in the system keychain.</source>
        <translation>代理密码已保存到系统钥匙串。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>API 密钥(&amp;K)</translation>
    </message>
    <message>
        <source>Save &amp;videos to</source>
        <translation>视频保存位置(&amp;V)</translation>
    </message>
    <message>
        <source>Default &amp;model</source>
        <translation>默认模型(&amp;M)</translation>
    </message>
    <message>
        <source>Default &amp;quality</source>
        <translation>默认画质(&amp;Q)</translation>
    </message>
    <message>
        <source>Default &amp;duration</source>
        <translation>默认时长(&amp;D)</translation>
    </message>
    <message>
        <source>Check &amp;status every</source>
        <translation>状态查询间隔(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>显示(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Test key</source>
        <translation>测试密钥(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Remember in the system keychain (otherwise only until you quit)</source>
        <translation>记住密钥，保存到系统钥匙串(&amp;R)（否则只保存到退出应用为止）</translation>
    </message>
    <message>
        <source>No system keychain was found on this computer, so the key cannot be remembered: it is kept in memory until you quit, and never written to a file.</source>
        <translation>这台电脑上没有找到系统钥匙串，因此无法记住密钥：它只保存在内存中，直到你退出应用，绝不会写入文件。</translation>
    </message>
    <message>
        <source>The key in use comes from the EVOLINK_API_KEY environment variable, which Settings cannot change: set that variable to another key (or remove it) and restart.</source>
        <translation>当前使用的密钥来自环境变量 EVOLINK_API_KEY，设置中无法修改：请把该变量改为其他密钥（或删除它），然后重新启动。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>The shortest time between two status checks of one task; long tasks are checked less often, up to every 30 s.</source>
        <translation>同一任务两次状态查询之间的最短间隔；耗时长的任务会查询得更少，最长每 30 秒一次。</translation>
    </message>
    <message>
        <source>&amp;Notify me when a task completes or fails</source>
        <translation>任务完成或失败时通知我(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Keep running in the system tray when the window is closed while tasks run</source>
        <translation>有任务运行时关闭窗口，应用继续在系统托盘中运行(&amp;K)</translation>
    </message>
    <message>
        <source>This desktop shows no system tray: closing the window quits.</source>
        <translation>这个桌面环境没有系统托盘：关闭窗口即退出应用。</translation>
    </message>
    <message>
        <source>Automatic (the system&apos;s language)</source>
        <translation>自动（跟随系统语言）</translation>
    </message>
    <message>
        <source>The new language applies the next time the app starts.</source>
        <translation>新的语言将在应用下次启动时生效。</translation>
    </message>
    <message>
        <source>Save videos to</source>
        <translation>视频保存位置</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>✓ The key works. Balance: {credits} credits.</source>
        <translation>✓ 密钥可用。余额：{credits} 积分。</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>The picture {name} can no longer be read.</source>
        <translation>图片 {name} 已无法读取。</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>正在上传…</translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <source>check before re-running</source>
        <translation>重新生成前请先核实</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>not charged</source>
        <translation>未扣费</translation>
    </message>
    <message>
        <source>Waiting on EvoLink</source>
        <translation>等待 EvoLink 处理</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>生成中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>link lapsed</source>
        <translation>链接失效</translation>
    </message>
    <message>
        <source>not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>next try at {time}</source>
        <translation>{time} 再次尝试</translation>
    </message>
    <message>
        <source>not tracked</source>
        <translation>未跟踪</translation>
    </message>
    <message>
        <source>{status} — {meaning}</source>
        <translation>{status} — {meaning}</translation>
    </message>
    <message>
        <source>{status} (not tracked)</source>
        <translation>{status}（未跟踪）</translation>
    </message>
</context>
<context>
    <name>StitchDialog</name>
    <message>
        <source>Stitch takes</source>
        <translation>拼接镜头</translation>
    </message>
    <message>
        <source>Drop the frame a continuation repeats</source>
        <translation>去掉续接镜头重复的那一帧</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Stitch</source>
        <translation>拼接(&amp;S)</translation>
    </message>
    <message>
        <source>Tick the takes to join and drag them into order:</source>
        <translation>勾选要拼接的镜头，并拖动调整顺序：</translation>
    </message>
    <message>
        <source>These takes differ in format, so they will be re-encoded, and a re-encoded join has no sound: the sound of {takes} will be left out.</source>
        <translation>这些镜头的格式不同，因此将被重新编码，而重新编码拼接的视频没有声音：{takes} 的声音会被舍弃。</translation>
    </message>
    <message>
        <source>Save the stitched video</source>
        <translation>保存拼接后的视频</translation>
    </message>
    <message>
        <source>Tick at least two takes.</source>
        <translation>请至少勾选两个镜头。</translation>
    </message>
    <message>
        <source>Choose an .mp4 file in an existing folder.</source>
        <translation>请在已有的文件夹中选择一个 .mp4 文件。</translation>
    </message>
    <message>
        <source>{name} exists already: choose another name.</source>
        <translation>{name} 已存在：请换一个名称。</translation>
    </message>
    <message>
        <source>losslessly</source>
        <translation>无损拼接</translation>
    </message>
    <message>
        <source>re-encoded (the takes differ in format)</source>
        <translation>已重新编码（各镜头格式不同）</translation>
    </message>
    <message>
        <source>Saved {name}: {length}, {how}.</source>
        <translation>已保存 {name}：{length}，{how}。</translation>
    </message>
</context>
<context>
    <name>TakeDetails</name>
    <message>
        <source>Task ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>生成方式</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>Saved as</source>
        <translation>保存为</translation>
    </message>
    <message numerus="yes">
        <source>Take %1 of %n of this shot:</source>
        <translation>
            <numerusform>同一提示词与图片的第 %1 个镜头（共 %n 个）：</numerusform>
        </translation>
    </message>
    <message>
        <source>Takes with the same prompt and source pictures. Click a number to show it.</source>
        <translation>提示词和源图片都相同的镜头。点击编号即可查看。</translation>
    </message>
    <message>
        <source>Check your EvoLink dashboard. If the task is not there, use “Re-run”.</source>
        <translation>请查看你的 EvoLink 控制台。如果任务不在那里，再使用“重新生成”。</translation>
    </message>
    <message>
        <source>Nothing was charged. Fix the cause, then use “Re-run”.</source>
        <translation>没有扣费。请先解决问题，再使用“重新生成”。</translation>
    </message>
    <message>
        <source>Change the picture or prompt, then use “Re-run” or “Use settings”.</source>
        <translation>请更换图片或修改提示词，然后使用“重新生成”或“沿用设置”。</translation>
    </message>
    <message>
        <source>The 24-hour link lapsed; the video can no longer be downloaded.</source>
        <translation>24 小时有效的链接已失效，视频无法再下载。</translation>
    </message>
    <message>
        <source>Nothing was sent. Use “Submit now” to send it, or “Discard”.</source>
        <translation>没有发送任何内容。使用“立即提交”发送它，或使用“丢弃”。</translation>
    </message>
</context>
<context>
    <name>TakeEditor</name>
    <message>
        <source>Edit queued take</source>
        <translation>编辑排队中的镜头</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>画质</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
</context>
<context>
    <name>TakePane</name>
    <message>
        <source>Keeper: star this take</source>
        <translation>首选：为这个镜头加星标</translation>
    </message>
    <message>
        <source>Seed {seed} · {task}</source>
        <translation>种子 {seed} · 任务 {task}</translation>
    </message>
</context>
<context>
    <name>TakeTools</name>
    <message>
        <source>Continue from &amp;last frame</source>
        <translation>从最后一帧续接(&amp;L)</translation>
    </message>
    <message>
        <source>A new take that starts from the sharpest frame of this one&apos;s last half second</source>
        <translation>生成一个新镜头，从这个镜头最后半秒中最清晰的一帧开始</translation>
    </message>
    <message>
        <source>Stitc&amp;h…</source>
        <translation>拼接(&amp;H)…</translation>
    </message>
    <message>
        <source>Join this chain or chosen takes into one MP4</source>
        <translation>把这条镜头链或选中的镜头拼接成一个 MP4</translation>
    </message>
    <message>
        <source>&amp;Compare takes…</source>
        <translation>对比镜头(&amp;C)…</translation>
    </message>
    <message>
        <source>Play takes of one shot side by side</source>
        <translation>并排播放用相同图片和提示词生成的多个镜头</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>A poster frame, GIF or WebP of this take</source>
        <translation>把这个镜头导出为封面帧、GIF 或 WEBP 动图</translation>
    </message>
    <message>
        <source>Keeper (&amp;star)</source>
        <translation>首选(&amp;S)</translation>
    </message>
    <message>
        <source>Mark this take as the one to keep</source>
        <translation>把这个镜头标为要保留的首选版本</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>镜头链</translation>
    </message>
    <message numerus="yes">
        <source>Chain of %n takes · {length} · {credits} credits</source>
        <translation>
            <numerusform>共 %n 个镜头 · {length} · {credits} 积分</numerusform>
        </translation>
    </message>
    <message>
        <source>Finding the sharpest frame near the end…</source>
        <translation>正在查找结尾附近最清晰的一帧…</translation>
    </message>
    <message>
        <source>Continuing from the frame at {time}: edit the prompt and press Generate.</source>
        <translation>将从 {time} 处的画面续接：请修改提示词，然后点击“生成视频”。</translation>
    </message>
    <message>
        <source>There is no other take of this shot to compare it with yet.</source>
        <translation>还没有用相同图片和提示词生成的其他镜头可供对比。</translation>
    </message>
    <message>
        <source>Settings of {name} loaded: review and press Generate.</source>
        <translation>已载入 {name} 的设置：请检查后点击“生成视频”。</translation>
    </message>
</context>
<context>
    <name>TakesModel</name>
    <message>
        <source>Take</source>
        <translation>镜头</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>画质</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>宽高比</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Fixable: </source>
        <translation>可修正：</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>通过</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <source>random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>{quality} · {duration} s</source>
        <translation>{quality} · {duration} 秒</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图生视频</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文生视频</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考图生视频</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>视频编辑</translation>
    </message>
    <message>
        <source>{duration} s</source>
        <translation>{duration} 秒</translation>
    </message>
    <message>
        <source>from {seconds} s of source video</source>
        <translation>源视频 {seconds} 秒</translation>
    </message>
    <message>
        <source>original sound kept</source>
        <translation>保留原声</translation>
    </message>
    <message>
        <source>(imported from your EvoLink account)</source>
        <translation>（从你的 EvoLink 账户导入）</translation>
    </message>
    <message>
        <source>(no prompt)</source>
        <translation>（无提示词）</translation>
    </message>
    <message>
        <source>{credits} refunded</source>
        <translation>已退还 {credits}</translation>
    </message>
    <message>
        <source>{credits} reserved</source>
        <translation>预扣 {credits}</translation>
    </message>
    <message>
        <source>about {time} left</source>
        <translation>约剩 {time}</translation>
    </message>
    <message>
        <source>Time since the task was sent</source>
        <translation>任务发出后经过的时间</translation>
    </message>
    <message>
        <source>Raw figures from EvoLink — reserved: {reserved}, charged: {used}</source>
        <translation>EvoLink 返回的原始数值 — 预扣：{reserved}，实扣：{used}</translation>
    </message>
    <message>
        <source>Not tracked: it still runs (and is billed) on EvoLink.</source>
        <translation>未跟踪：它仍在 EvoLink 上运行（并计费）。</translation>
    </message>
</context>
<context>
    <name>TaskActions</name>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Play the video in the app</source>
        <translation>在应用内播放视频</translation>
    </message>
    <message>
        <source>&amp;Open file</source>
        <translation>打开文件(&amp;O)</translation>
    </message>
    <message>
        <source>Open in your video player</source>
        <translation>用你的视频播放器打开</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>在文件夹中显示(&amp;F)</translation>
    </message>
    <message>
        <source>Show the video file</source>
        <translation>显示视频文件所在位置</translation>
    </message>
    <message>
        <source>Copy task &amp;ID</source>
        <translation>复制任务 ID(&amp;I)</translation>
    </message>
    <message>
        <source>Copy s&amp;eed</source>
        <translation>复制种子(&amp;E)</translation>
    </message>
    <message>
        <source>Copy pro&amp;mpt</source>
        <translation>复制提示词(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Re-run</source>
        <translation>重新生成(&amp;R)</translation>
    </message>
    <message>
        <source>Submit again with the same settings</source>
        <translation>以相同设置再次提交</translation>
    </message>
    <message>
        <source>&amp;Use settings</source>
        <translation>沿用设置(&amp;U)</translation>
    </message>
    <message>
        <source>Load these settings with a new random seed</source>
        <translation>载入这些设置，并换一个随机种子</translation>
    </message>
    <message>
        <source>Submit &amp;now</source>
        <translation>立即提交(&amp;N)</translation>
    </message>
    <message>
        <source>Send this task, which was interrupted before it was sent</source>
        <translation>发送这个在发出前被中断的任务</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>丢弃(&amp;D)</translation>
    </message>
    <message>
        <source>Remove this unsent task</source>
        <translation>移除这个未发送的任务</translation>
    </message>
    <message>
        <source>S&amp;top tracking</source>
        <translation>停止跟踪(&amp;T)</translation>
    </message>
    <message>
        <source>Stop polling (EvoLink has no cancel: the task still runs and is billed)</source>
        <translation>停止查询状态（EvoLink 没有取消功能：任务仍会运行并计费）</translation>
    </message>
    <message>
        <source>Resume trac&amp;king</source>
        <translation>恢复跟踪(&amp;K)</translation>
    </message>
    <message>
        <source>Retry do&amp;wnload</source>
        <translation>重新下载(&amp;W)</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>移除(&amp;V)</translation>
    </message>
    <message>
        <source>Remove from history</source>
        <translation>从历史记录中移除</translation>
    </message>
    <message>
        <source>No video player answered.</source>
        <translation>没有视频播放器响应。</translation>
    </message>
    <message>
        <source>No file manager answered.</source>
        <translation>没有文件管理器响应。</translation>
    </message>
    <message>
        <source>Nothing opened</source>
        <translation>未能打开</translation>
    </message>
    <message>
        <source>The file is here:</source>
        <translation>文件位于：</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Copied the path: {path}</source>
        <translation>已复制路径：{path}</translation>
    </message>
    <message>
        <source>task ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Copied the {what}.</source>
        <translation>已复制{what}。</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;EvoLink may already have this task.&lt;/b&gt; Re-run only if it is not on your EvoLink dashboard, or you may pay twice.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;EvoLink 可能已经收到这个任务。&lt;/b&gt;只有在 EvoLink 控制台中找不到它时才重新生成，否则可能会重复付费。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Submit again with the same inputs, prompt and settings (≈ {credits} credits)?&lt;/p&gt;</source>
        <translation>&lt;p&gt;以相同的输入、提示词和设置再次提交（≈ {credits} 积分）？&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Re-run this task?</source>
        <translation>重新生成这个任务？</translation>
    </message>
    <message>
        <source>Settings loaded with a new seed: review and press Generate.</source>
        <translation>已载入设置并换了新种子：请检查后点击“生成视频”。</translation>
    </message>
    <message>
        <source>Another HappyHorse window or command is working on this task.</source>
        <translation>另一个 HappyHorse 窗口或命令正在处理这个任务。</translation>
    </message>
    <message>
        <source>This task is being sent: it can be removed once the server has answered.</source>
        <translation>这个任务正在发送：服务器响应后才能移除。</translation>
    </message>
    <message>
        <source>Remove from history?</source>
        <translation>从历史记录中移除？</translation>
    </message>
    <message>
        <source>Remove this task from the history?</source>
        <translation>要从历史记录中移除这个任务吗？</translation>
    </message>
    <message>
        <source>Also delete the video file</source>
        <translation>同时删除视频文件</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>TaskFailures</name>
    <message>
        <source>Refused by the content policy (faces, celebrities, logos, NSFW…). Change the image or prompt.</source>
        <translation>被内容政策拒绝（人脸、名人、商标、不当内容…）。请更换图片或修改提示词。</translation>
    </message>
    <message>
        <source>The parameters were refused. Check prompt, duration and quality.</source>
        <translation>参数被拒绝。请检查提示词、时长和画质。</translation>
    </message>
    <message>
        <source>EvoLink could not read the image (URL unreachable or format unsupported). Use a local file.</source>
        <translation>EvoLink 无法读取这张图片（网址无法访问或格式不支持）。请使用本地文件。</translation>
    </message>
    <message>
        <source>The image dimensions are not accepted. Use the image fix.</source>
        <translation>图片尺寸不被接受。请使用图片修正。</translation>
    </message>
    <message>
        <source>The task was cancelled.</source>
        <translation>任务已取消。</translation>
    </message>
    <message>
        <source>Generation produced no content. Try again later.</source>
        <translation>生成没有产出任何内容。请稍后再试。</translation>
    </message>
    <message>
        <source>EvoLink service error. Try again later.</source>
        <translation>EvoLink 服务出错。请稍后再试。</translation>
    </message>
    <message>
        <source>Generation timed out on the server. Try again later.</source>
        <translation>服务器端生成超时。请稍后再试。</translation>
    </message>
    <message>
        <source>EvoLink is out of capacity. Try again later.</source>
        <translation>EvoLink 算力不足。请稍后再试。</translation>
    </message>
    <message>
        <source>Quota exceeded on the server. Try again later.</source>
        <translation>服务器端配额已用尽。请稍后再试。</translation>
    </message>
    <message>
        <source>EvoLink is unavailable. Try again later.</source>
        <translation>EvoLink 暂时不可用。请稍后再试。</translation>
    </message>
    <message>
        <source>A resource was not found on the server. Try again later.</source>
        <translation>服务器上找不到所需资源。请稍后再试。</translation>
    </message>
    <message>
        <source>Unknown server error. Try again later.</source>
        <translation>未知的服务器错误。请稍后再试。</translation>
    </message>
    <message>
        <source>The task failed on the server.</source>
        <translation>任务在服务器上失败。</translation>
    </message>
    <message>
        <source>Server said: {message}.</source>
        <translation>服务器返回：{message}。</translation>
    </message>
    <message>
        <source>Reserved credits are refunded.</source>
        <translation>预扣的积分会退还。</translation>
    </message>
</context>
<context>
    <name>TaskMessages</name>
    <message>
        <source>the app stopped while sending it</source>
        <translation>发送过程中应用停止了</translation>
    </message>
    <message>
        <source>The app could not confirm whether EvoLink received this task ({reason}). It was NOT re-sent, to avoid paying twice. Check your EvoLink dashboard; re-run it only if it is not there.</source>
        <translation>应用无法确认 EvoLink 是否收到了这个任务（{reason}）。为避免重复付费，它没有被重新发送。请查看你的 EvoLink 控制台；只有在那里找不到它时才重新生成。</translation>
    </message>
    <message>
        <source>the connection ended before the answer</source>
        <translation>收到回复之前连接就断开了</translation>
    </message>
    <message>
        <source>Interrupted before it was sent: nothing reached EvoLink and nothing was charged. Use “Submit now” to send it, or “Discard”.</source>
        <translation>在发送前被中断：没有任何内容到达 EvoLink，也没有扣费。使用“立即提交”发送它，或使用“丢弃”。</translation>
    </message>
    <message>
        <source>Stopped tracking. EvoLink has no cancel call: the task keeps running on the server and is billed, but this app will not poll it or save its video.</source>
        <translation>已停止跟踪。EvoLink 没有取消接口：任务会继续在服务器上运行并计费，但本应用不会再查询它的状态，也不会保存它的视频。</translation>
    </message>
    <message>
        <source>Cancellation requested.</source>
        <translation>已请求取消。</translation>
    </message>
    <message>
        <source>Found on EvoLink after an interrupted submission, and linked.</source>
        <translation>提交中断后在 EvoLink 上找到了这个任务，已关联。</translation>
    </message>
    <message>
        <source>The task once linked to this row belongs to task {other} (its own request&apos;s answer said so). This row&apos;s outcome is unknown again: check your EvoLink dashboard.</source>
        <translation>之前关联到这一条的任务其实属于任务 {other}（它自己的请求回复表明了这一点）。这一条的结果重新变为未知：请查看你的 EvoLink 控制台。</translation>
    </message>
    <message>
        <source>EvoLink no longer knows this task (unknown or expired).</source>
        <translation>EvoLink 已找不到这个任务（未知或已过期）。</translation>
    </message>
    <message>
        <source>The video file is missing and its 24-hour link has expired.</source>
        <translation>视频文件丢失，且 24 小时有效的链接已过期。</translation>
    </message>
    <message>
        <source>Not saved: the video file is missing or incomplete.</source>
        <translation>未保存：视频文件丢失或不完整。</translation>
    </message>
    <message>
        <source>The 24-hour result link expired before the video was saved ({detail}).</source>
        <translation>24 小时有效的结果链接在视频保存之前就过期了（{detail}）。</translation>
    </message>
    <message>
        <source>Not saved yet: {reason}</source>
        <translation>尚未保存：{reason}</translation>
    </message>
    <message>
        <source>Nothing was sent: {reason} The submission waits and goes out when EvoLink answers.</source>
        <translation>没有发送任何内容：{reason}提交会等待，EvoLink 响应后再发出。</translation>
    </message>
    <message>
        <source>Upload failed: {reason}</source>
        <translation>上传失败：{reason}</translation>
    </message>
    <message>
        <source>The file {name} can no longer be read ({reason}); was it moved or deleted?</source>
        <translation>文件 {name} 已无法读取（{reason}）；它是否被移动或删除了？</translation>
    </message>
    <message>
        <source>Not sent because of an unexpected error ({error}); nothing was charged.</source>
        <translation>因意外错误未能发送（{error}）；没有扣费。</translation>
    </message>
    <message>
        <source>the server reported the task completed but sent no video link</source>
        <translation>服务器报告任务已完成，但没有返回视频链接</translation>
    </message>
    <message>
        <source>EvoLink answered with the id {task}, which belongs to task {other} (a replayed or mixed-up answer)</source>
        <translation>EvoLink 返回的 ID {task} 属于任务 {other}（重放或错乱的回复）</translation>
    </message>
    <message>
        <source>an unexpected error while saving ({error})</source>
        <translation>保存时发生意外错误（{error}）</translation>
    </message>
    <message>
        <source>the output folder&apos;s name is not valid UTF-8 and cannot be recorded ({folder}); choose another folder in Settings</source>
        <translation>输出文件夹的名称不是有效的 UTF-8，无法记录（{folder}）；请在设置中选择其他文件夹</translation>
    </message>
    <message>
        <source>The folder {folder} of saved videos cannot be reached (a drive not connected?). Its videos are kept in the history as they are.</source>
        <translation>无法访问保存视频的文件夹 {folder}（驱动器未连接？）。其中的视频在历史记录中保持原样。</translation>
    </message>
    <message>
        <source>{error} Polling paused for a minute.</source>
        <translation>{error} 状态查询暂停一分钟。</translation>
    </message>
    <message>
        <source>the app was closed before EvoLink answered</source>
        <translation>EvoLink 回复之前应用就关闭了</translation>
    </message>
    <message>
        <source>{name} changed while it was being uploaded; nothing was sent to EvoLink.</source>
        <translation>{name} 在上传过程中被修改；没有向 EvoLink 发送任何内容。</translation>
    </message>
</context>
<context>
    <name>TaskNotices</name>
    <message>
        <source>Video ready</source>
        <translation>视频已就绪</translation>
    </message>
    <message>
        <source>“{title}” is saved.</source>
        <translation>“{title}”已保存。</translation>
    </message>
    <message>
        <source>Task needs attention</source>
        <translation>任务需要处理</translation>
    </message>
    <message>
        <source>{title}: {text}</source>
        <translation>{title}：{text}</translation>
    </message>
</context>
<context>
    <name>TaskPanel</name>
    <message>
        <source>Show all tasks, or only those running, done or needing you</source>
        <translation>显示全部任务，或只显示进行中、已结束或需要处理的任务</translation>
    </message>
    <message>
        <source>Search prompts, task IDs, seeds… (Ctrl+F)</source>
        <translation>搜索提示词、任务 ID、种子…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Task actions</source>
        <translation>任务操作</translation>
    </message>
</context>
<context>
    <name>TaskTable</name>
    <message>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>任务 ID</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message numerus="yes">
        <source>%n takes</source>
        <comment>chain</comment>
        <translation>
            <numerusform>%n 个镜头</numerusform>
        </translation>
    </message>
    <message>
        <source>The first take of a chain: click ▸ or press → to show the others.</source>
        <translation>镜头链的第一个镜头：点击 ▸ 或按 → 键展开其余镜头。</translation>
    </message>
</context>
<context>
    <name>TaskTableView</name>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>No task matches this filter.</source>
        <translation>没有符合此筛选条件的任务。</translation>
    </message>
    <message>
        <source>No tasks yet: the videos you generate are listed here.</source>
        <translation>还没有任务：你生成的视频会列在这里。</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>&amp;Show HappyHorse</source>
        <translation>显示 HappyHorse(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause queue</source>
        <translation>暂停队列(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message numerus="yes">
        <source>HappyHorse keeps running here: %n tasks still running. Click the icon to open the window; Quit is in its menu.</source>
        <translation>
            <numerusform>HappyHorse 仍在这里运行：还有 %n 个任务在进行中。点击图标可打开窗口；“退出”在图标的菜单中。</numerusform>
        </translation>
    </message>
    <message>
        <source>Still running</source>
        <translation>仍在运行</translation>
    </message>
</context>
<context>
    <name>TrustStore</name>
    <message>
        <source>no system CA bundle was found</source>
        <translation>没有找到系统的 CA 证书包</translation>
    </message>
    <message>
        <source>truststore is not installed</source>
        <translation>未安装 truststore</translation>
    </message>
    <message>
        <source>the Windows certificate store</source>
        <translation>Windows 证书存储</translation>
    </message>
    <message>
        <source>the macOS keychain</source>
        <translation>macOS 钥匙串</translation>
    </message>
    <message>
        <source>the system&apos;s CA certificates</source>
        <translation>系统的 CA 证书</translation>
    </message>
    <message>
        <source>operating system trust store: </source>
        <translation>操作系统证书信任库：</translation>
    </message>
    <message>
        <source>certifi&apos;s CA bundle {version} (the system store is unavailable: {why})</source>
        <translation>certifi 的 CA 证书包 {version}（系统证书信任库不可用：{why}）</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>The file {name} does not exist.</source>
        <translation>文件 {name} 不存在。</translation>
    </message>
    <message>
        <source>Write the edit in the prompt: what should change in the video.</source>
        <translation>请在提示词中写明要做的编辑：视频中哪些地方需要改变。</translation>
    </message>
    <message>
        <source>Write a prompt: it tells what character1, character2… do in the video.</source>
        <translation>请填写提示词：描述 character1、character2…在视频中做什么。</translation>
    </message>
    <message>
        <source>{route} needs a prompt: describe the video.</source>
        <translation>{route}需要提示词：请描述视频内容。</translation>
    </message>
    <message>
        <source>{route} takes no pictures.</source>
        <translation>{route}不接受图片。</translation>
    </message>
    <message>
        <source>This model takes exactly one picture.</source>
        <translation>这个模型只接受一张图片。</translation>
    </message>
    <message numerus="yes">
        <source>{route} takes {min} to {max} pictures; %n given.</source>
        <translation>
            <numerusform>{route}需要 {min} 到 {max} 张图片，当前为 %n 张。</numerusform>
        </translation>
    </message>
    <message>
        <source>{route} takes no video; choose “Edit a video” to edit one.</source>
        <translation>{route}不接受视频；要编辑视频，请选择“视频编辑”。</translation>
    </message>
    <message>
        <source>Add the video to edit.</source>
        <translation>请添加要编辑的视频。</translation>
    </message>
    <message>
        <source>{route} takes no aspect ratio: the video keeps the shape of its input.</source>
        <translation>{route}不接受宽高比：视频保持输入素材的画面比例。</translation>
    </message>
    <message>
        <source>The aspect ratio must be one of {ratios}, not {ratio}.</source>
        <translation>宽高比必须是 {ratios} 之一，而不是 {ratio}。</translation>
    </message>
    <message>
        <source>Only “Edit a video” can keep the original sound.</source>
        <translation>只有“视频编辑”可以保留原声。</translation>
    </message>
    <message>
        <source>The image is not JPEG, PNG or WEBP.</source>
        <translation>图片不是 JPEG、PNG 或 WEBP 格式。</translation>
    </message>
    <message>
        <source>Unknown model {model}; choose one of: {models}.</source>
        <translation>未知的模型 {model}；请从以下模型中选择：{models}。</translation>
    </message>
    <message numerus="yes">
        <source>The prompt is {length} characters; the limit for Chinese text is {limit}. The last %n characters would be cut off.</source>
        <translation>
            <numerusform>提示词共 {length} 个字符，中文提示词的上限为 {limit} 个字符。最后 %n 个字符会被截掉。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The prompt is {length} characters; the limit for text is {limit}. The last %n characters would be cut off.</source>
        <translation>
            <numerusform>提示词共 {length} 个字符，非中文提示词的上限为 {limit} 个字符。最后 %n 个字符会被截掉。</numerusform>
        </translation>
    </message>
    <message>
        <source>Quality must be one of {qualities}, not {quality}.</source>
        <translation>画质必须是 {qualities} 之一，而不是 {quality}。</translation>
    </message>
    <message>
        <source>Duration must be a whole number of seconds, not {value}.</source>
        <translation>时长必须是整数秒，而不是 {value}。</translation>
    </message>
    <message>
        <source>Duration must be between {min} and {max} seconds, not {value}.</source>
        <translation>时长必须在 {min} 到 {max} 秒之间，而不是 {value}。</translation>
    </message>
    <message>
        <source>The seed must be a whole number, not {value}.</source>
        <translation>种子必须是整数，而不是 {value}。</translation>
    </message>
    <message>
        <source>The seed must be between {min} and {max}, or empty for random; got {value}.</source>
        <translation>种子必须在 {min} 到 {max} 之间，留空则随机；收到的是 {value}。</translation>
    </message>
    <message>
        <source>The callback URL is {length} characters; the limit is {limit}.</source>
        <translation>回调地址长 {length} 个字符，上限为 {limit}。</translation>
    </message>
    <message>
        <source>The callback URL is not a valid URL.</source>
        <translation>回调地址不是有效的网址。</translation>
    </message>
    <message>
        <source>The callback URL must use https://.</source>
        <translation>回调地址必须使用 https://。</translation>
    </message>
    <message>
        <source>The callback URL has no host name.</source>
        <translation>回调地址中没有主机名。</translation>
    </message>
    <message>
        <source>The callback URL points to a private or local address ({host}); EvoLink refuses those.</source>
        <translation>回调地址指向私有或本地地址（{host}）；EvoLink 不接受这类地址。</translation>
    </message>
    <message>
        <source>Not a valid URL.</source>
        <translation>不是有效的网址。</translation>
    </message>
    <message>
        <source>Image URLs must start with http:// or https://.</source>
        <translation>图片网址必须以 http:// 或 https:// 开头。</translation>
    </message>
    <message>
        <source>The image URL has no host name.</source>
        <translation>图片网址中没有主机名。</translation>
    </message>
    <message>
        <source>This file is not an image the app can read (corrupt or not an image).</source>
        <translation>这个文件不是应用能读取的图片（已损坏或不是图片）。</translation>
    </message>
    <message>
        <source>The {format} image is corrupt: its header gives no size.</source>
        <translation>这张 {format} 图片已损坏：文件头中没有尺寸信息。</translation>
    </message>
    <message>
        <source>EvoLink recommends staying inside it.</source>
        <translation>EvoLink 建议保持在此范围内。</translation>
    </message>
    <message>
        <source>The {format} file is cut off (incomplete); use the complete original.</source>
        <translation>这个 {format} 文件被截断了（不完整）；请使用完整的原图。</translation>
    </message>
    <message>
        <source>{format} images are not accepted; use JPEG, PNG or WEBP.</source>
        <translation>不接受 {format} 图片；请使用 JPEG、PNG 或 WEBP。</translation>
    </message>
    <message>
        <source>The file is {size} MB; the limit is {limit} MB.</source>
        <translation>文件大小为 {size} MB，上限为 {limit} MB。</translation>
    </message>
    <message>
        <source>The image is {width}×{height} px; each side must be at least {min} px.</source>
        <translation>图片为 {width}×{height} 像素；每条边至少需要 {min} 像素。</translation>
    </message>
    <message>
        <source>The image is {width}×{height} px; its short side must be at least {min} px.</source>
        <translation>图片为 {width}×{height} 像素；短边至少需要 {min} 像素。</translation>
    </message>
    <message>
        <source>The image is {width}×{height} px; the largest side accepted is {max} px.</source>
        <translation>图片为 {width}×{height} 像素；最长边最多 {max} 像素。</translation>
    </message>
    <message>
        <source>At {megapixels} megapixels it is too large to convert safely here (a decompression bomb?); export a smaller copy.</source>
        <translation>图片有 {megapixels} 百万像素，太大了，无法在这里安全转换（可能是解压炸弹？）；请导出一份更小的副本。</translation>
    </message>
    <message numerus="yes">
        <source>The image is animated (%n frames); a still image is needed.</source>
        <translation>
            <numerusform>这是一张动图（%n 帧）；需要静态图片。</numerusform>
        </translation>
    </message>
    <message>
        <source>The image uses CMYK (print) colours; video models expect RGB.</source>
        <translation>图片使用 CMYK（印刷）色彩；视频模型需要 RGB。</translation>
    </message>
    <message>
        <source>The image is stored sideways with a rotation tag that EvoLink may ignore.</source>
        <translation>图片以侧放方式存储，并带有 EvoLink 可能会忽略的旋转标记。</translation>
    </message>
    <message>
        <source>The aspect ratio {width}:{height} ({ratio}) is outside 1:2.5 … 2.5:1.</source>
        <translation>宽高比 {width}:{height}（{ratio}）超出了 1:2.5 … 2.5:1 的范围。</translation>
    </message>
    <message>
        <source>The file {name} does not exist (moved or deleted?).</source>
        <translation>文件 {name} 不存在（已被移动或删除？）。</translation>
    </message>
    <message>
        <source>{name} is not a file.</source>
        <translation>{name} 不是文件。</translation>
    </message>
    <message>
        <source>The file {name} is empty (0 bytes).</source>
        <translation>文件 {name} 是空的（0 字节）。</translation>
    </message>
    <message>
        <source>The file {name} cannot be read: {reason}.</source>
        <translation>无法读取文件 {name}：{reason}。</translation>
    </message>
    <message>
        <source>The image is empty (0 bytes).</source>
        <translation>图片是空的（0 字节）。</translation>
    </message>
    <message>
        <source>The task history {path} was deleted or replaced while the app was running, so nothing is sent (a paid task would be recorded nowhere). Restart HappyHorse.</source>
        <translation>应用运行期间，任务历史 {path} 被删除或替换，因此不会发送任何内容（否则付费任务将无处记录）。请重新启动 HappyHorse。</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <source>C&amp;hoose video…</source>
        <translation>选择视频(&amp;H)…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Reading the video…</source>
        <translation>正在读取视频…</translation>
    </message>
    <message>
        <source>Add the video to edit: drop it here or choose a file (MP4 or MOV, 3–60 s).</source>
        <translation>请添加要编辑的视频：拖到这里或选择文件（MP4 或 MOV，3–60 秒）。</translation>
    </message>
    <message>
        <source>Choose the video to edit</source>
        <translation>选择要编辑的视频</translation>
    </message>
    <message>
        <source>{width}×{height} · {fps} fps · {seconds} s · {codec} in {container} · {size} MB</source>
        <translation>{width}×{height} · {fps} 帧/秒 · {seconds} 秒 · {codec}（{container}）· {size} MB</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <source>Drop the video to edit here

MP4 or MOV (H.264 recommended) · 3–60 s, the first 15 s are edited · up to 2160 px, at least 320 px · more than 8 fps · up to 100 MB</source>
        <translation>把要编辑的视频拖到这里

MP4 或 MOV（建议 H.264）· 3–60 秒，只编辑前 15 秒 · 长边不超过 2160 像素，短边至少 320 像素 · 帧率高于 8 帧/秒 · 不超过 100 MB</translation>
    </message>
    <message>
        <source>This link is sent as is: EvoLink reads the video (and its length) itself.</source>
        <translation>这个链接会原样发送：由 EvoLink 自行读取视频（及其时长）。</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环播放</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>取消静音</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to HappyHorse Desktop</source>
        <translation>欢迎使用 HappyHorse Desktop</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Turn a picture into a video&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;把图片变成视频&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&amp;Use this key</source>
        <translation>使用此密钥(&amp;U)</translation>
    </message>
    <message>
        <source>Try the &amp;demo</source>
        <translation>试用演示(&amp;D)</translation>
    </message>
    <message>
        <source>HappyHorse Desktop sends your picture and prompt to EvoLink&apos;s HappyHorse model and saves the finished video on your computer.</source>
        <translation>HappyHorse Desktop 会把你的图片和提示词发送给 EvoLink 的 HappyHorse 模型，并把生成好的视频保存到你的电脑上。</translation>
    </message>
    <message>
        <source>To use your EvoLink account, paste your API key (it is kept in the system keychain).</source>
        <translation>要使用你的 EvoLink 账户，请粘贴 API 密钥（它会保存在系统钥匙串中）。</translation>
    </message>
    <message>
        <source>To use your EvoLink account, paste your API key. &lt;b&gt;No system keychain was found on this computer&lt;/b&gt;, so the key is kept in memory until you quit and asked for again next time; it is never written to a file.</source>
        <translation>要使用你的 EvoLink 账户，请粘贴 API 密钥。&lt;b&gt;这台电脑上没有找到系统钥匙串&lt;/b&gt;，因此密钥只保存在内存中，直到你退出应用，下次启动时会再次询问；它绝不会写入文件。</translation>
    </message>
    <message>
        <source>Or try the demo first: it runs a local simulator, everything works and nothing is billed.</source>
        <translation>也可以先试用演示：它运行一个本地模拟器，所有功能都可用，且不产生任何费用。</translation>
    </message>
    <message>
        <source>Paste your key first, or try the demo</source>
        <translation>请先粘贴你的密钥，或者试用演示</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s：错误：%(message)s
</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少以下必需参数：%s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>必须提供以下参数之一：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了显式参数 %r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多需要一个参数值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数值</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项有歧义：%(option)s 可以匹配 %(matches)s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选项：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>无法打开 &apos;%(filename)s&apos;：%(error)s</translation>
    </message>
</context>
</TS>
